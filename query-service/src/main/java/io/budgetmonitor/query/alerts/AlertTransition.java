package io.budgetmonitor.query.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import java.time.Instant;
import java.util.List;

/** One stored transition of an alert: the unit of the SSE stream (id = {@code id}) and the Kafka topic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertTransition(
        long id,
        long alertId,
        Rule rule,
        String subject,
        String department,
        int fiscalYear,
        TransitionKind transition,
        AlertStatus status,
        Severity severity,
        String message,
        List<String> evidence,
        String actor,
        String comment,
        Instant at) {}
