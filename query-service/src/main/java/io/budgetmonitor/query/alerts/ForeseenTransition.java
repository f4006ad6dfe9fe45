package io.budgetmonitor.query.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import java.util.List;

/**
 * A transition a what-if evaluation would make to today's alerts, and did not: nothing was stored or
 * published, so it has no id and no instant. {@code alertId} is absent for an alert it would open.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForeseenTransition(
        Long alertId,
        Rule rule,
        String subject,
        String department,
        int fiscalYear,
        TransitionKind transition,
        AlertStatus status,
        Severity severity,
        String message,
        List<String> evidence) {}
