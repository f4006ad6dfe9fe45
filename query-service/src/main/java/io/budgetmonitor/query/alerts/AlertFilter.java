package io.budgetmonitor.query.alerts;

import io.budgetmonitor.query.monitoring.Rule;
import io.budgetmonitor.query.monitoring.Severity;

/** A subscriber's filter; null fields match everything. */
public record AlertFilter(String department, Severity severity, Rule rule) {
    public boolean matches(AlertTransition t) {
        return (department == null || department.equals(t.department()))
                && (severity == null || severity == t.severity())
                && (rule == null || rule == t.rule());
    }
}
