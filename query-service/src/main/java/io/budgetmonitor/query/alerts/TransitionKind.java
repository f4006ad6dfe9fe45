package io.budgetmonitor.query.alerts;

/** What happened to an alert; every kind is one stored, published transition. */
public enum TransitionKind {
    OPENED, ESCALATED, DEESCALATED, ACKNOWLEDGED, RESOLVED, REOPENED
}
