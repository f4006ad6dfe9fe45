package io.budgetmonitor.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * 预警状态变化: one transition of one alert of the monitor, as published on {@link Topics#BUDGET_ALERTS}. A
 * CloudEvent (binary mode) of type {@link #TYPE}, id {@link #cloudEventId(long)} of the transition (stable: a
 * re-send after a crash carries the same one, and a reader drops what it has seen), subject the alert id,
 * key {@link Topics#departmentYearKey} (a department-year's transitions arrive in the order they happened).
 * The enumerations travel as their names; a reader treats a name it does not know as opaque.
 *
 * @param id         the transition's id, increasing in the order transitions were committed
 * @param alertId    the alert it changed
 * @param rule       the monitoring rule, e.g. {@code EXECUTION_BEHIND}
 * @param transition OPENED, ESCALATED, DEESCALATED, ACKNOWLEDGED, RESOLVED, REOPENED or CLOSED_WITH_YEAR (随年度结账关闭)
 * @param status     the alert's status after it: OPEN, ESCALATED, ACKNOWLEDGED or RESOLVED
 * @param severity   the alert's severity after it, e.g. WARNING, CRITICAL
 * @param actor      who acknowledged (经办人), null for the monitor's own transitions
 * @param comment    the acknowledgement's comment, or why it closed with its year; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertTransitioned(
        long id,
        long alertId,
        String rule,
        String subject,
        String department,
        int fiscalYear,
        String transition,
        String status,
        String severity,
        String message,
        List<String> evidence,
        String actor,
        String comment,
        Instant at) {

    /** Kept from before the contract defined the payload, so subscribers that match on it still do. */
    public static final String TYPE = "io.budgetmonitor.AlertTransition.v1";

    public static String cloudEventId(long transitionId) {
        return "alert-transition-" + transitionId;
    }
}
