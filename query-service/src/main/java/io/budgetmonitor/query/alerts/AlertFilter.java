package io.budgetmonitor.query.alerts;

import io.budgetmonitor.query.monitoring.Rule;
import io.budgetmonitor.query.monitoring.Severity;
import io.budgetmonitor.security.Caller;
import io.budgetmonitor.security.DepartmentScope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which alerts a reader or SSE subscriber gets: its own filter (null fields match everything), always
 * within the departments it may see (管辖范围). This is the one place alert reads are scoped: the list,
 * the as-of list, one alert, acknowledgement and the stream (live and Last-Event-ID catch-up) all ask
 * it, so a department filter outside the scope matches nothing rather than widening it.
 */
public record AlertFilter(String department, Severity severity, Rule rule, DepartmentScope scope) {

    public AlertFilter {
        Objects.requireNonNull(scope, "an alert filter is always within a department scope");
    }

    /** The caller's filter, narrowed to the caller's departments; captured once per SSE subscription. */
    public static AlertFilter seenBy(Caller caller, String department, Severity severity, Rule rule) {
        return new AlertFilter(department, severity, rule, caller.scope());
    }

    public static AlertFilter seenBy(Caller caller) {
        return seenBy(caller, null, null, null);
    }

    /**
     * The departments whose alerts pass: empty when any department does, an empty set when none does
     * (a department filter outside the scope).
     */
    public Optional<Set<String>> departments() {
        if (department == null) {
            return scope.restriction();
        }
        return Optional.of(scope.includes(department) ? Set.of(department) : Set.of());
    }

    public boolean admits(String alertDepartment) {
        return departments().map(visible -> visible.contains(alertDepartment)).orElse(true);
    }

    public boolean matches(AlertTransition t) {
        return admits(t.department())
                && (severity == null || severity == t.severity())
                && (rule == null || rule == t.rule());
    }
}
