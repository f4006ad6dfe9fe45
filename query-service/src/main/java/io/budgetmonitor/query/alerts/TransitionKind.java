package io.budgetmonitor.query.alerts;

/**
 * What happened to an alert; every kind is one stored, published transition. {@code CLOSED_WITH_YEAR}
 * (随年度结账关闭) resolves an alert because its fiscal year was closed (年度结账), not because its
 * condition cleared: the year can no longer be corrected, so the alert is kept as a record of what the
 * monitor said, and nobody is asked to act on it.
 */
public enum TransitionKind {
    OPENED,
    ESCALATED,
    DEESCALATED,
    ACKNOWLEDGED,
    RESOLVED,
    REOPENED,
    CLOSED_WITH_YEAR
}
