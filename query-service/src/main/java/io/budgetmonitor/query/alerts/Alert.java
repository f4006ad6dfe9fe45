package io.budgetmonitor.query.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import java.time.Instant;
import java.util.List;

/** An alert (预警) as users see it; identified by (rule, subject, department, fiscal year). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        long id,
        Rule rule,
        String subject,
        String department,
        int fiscalYear,
        Severity severity,
        AlertStatus status,
        String message,
        List<String> evidence,
        Instant openedAt,
        Instant updatedAt,
        String acknowledgedBy,
        Instant acknowledgedAt,
        String acknowledgementComment,
        Instant resolvedAt) {}
