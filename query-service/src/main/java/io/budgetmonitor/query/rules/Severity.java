package io.budgetmonitor.query.rules;

/** Alert severity, in rising order (an alert moving up is ESCALATED). */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
