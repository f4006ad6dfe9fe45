package io.budgetmonitor.query.alerts;

/** OPEN → ESCALATED (severity rose) → ACKNOWLEDGED (a person saw it) → RESOLVED (condition cleared). */
public enum AlertStatus {
    OPEN,
    ESCALATED,
    ACKNOWLEDGED,
    RESOLVED
}
