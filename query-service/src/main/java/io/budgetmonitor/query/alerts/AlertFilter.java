package io.budgetmonitor.query.alerts;

import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import io.budgetmonitor.security.Caller;
import io.budgetmonitor.security.DepartmentScope;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which alerts a reader or SSE subscriber gets: its own filter (empty or null fields match everything),
 * always within the departments it may see (管辖范围). This is the one place alert reads are scoped: the
 * list, the as-of list, one alert, acknowledgement and the stream (live and Last-Event-ID catch-up) all
 * ask it, so departments asked for outside the scope match nothing rather than widening it.
 *
 * @param departmentFilter the departments asked for (a dashboard watching several); empty = any it may see
 * @param severity         exactly this severity, or null
 * @param minSeverity      this severity or a higher one, or null
 */
public record AlertFilter(
        Set<String> departmentFilter, Severity severity, Severity minSeverity, Rule rule, DepartmentScope scope) {

    public AlertFilter {
        Objects.requireNonNull(scope, "an alert filter is always within a department scope");
        departmentFilter = departmentFilter == null ? Set.of() : Set.copyOf(departmentFilter);
    }

    /** One department (or any, when null), an exact severity (or any). */
    public AlertFilter(String department, Severity severity, Rule rule, DepartmentScope scope) {
        this(department == null ? Set.of() : Set.of(department), severity, null, rule, scope);
    }

    /** The caller's filter, narrowed to the caller's departments; captured once per SSE subscription. */
    public static AlertFilter seenBy(Caller caller, String department, Severity severity, Rule rule) {
        return new AlertFilter(department, severity, rule, caller.scope());
    }

    /**
     * Several departments ({@code department=A&department=B} or {@code department=A,B}) and a minimum
     * severity, still within the caller's departments.
     */
    public static AlertFilter seenBy(
            Caller caller, Collection<String> departments, Severity severity, Severity minSeverity, Rule rule) {
        Set<String> asked = departments == null
                ? Set.of()
                : departments.stream()
                        .flatMap(d -> java.util.Arrays.stream(d.split(",")))
                        .map(String::trim)
                        .filter(d -> !d.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        return new AlertFilter(asked, severity, minSeverity, rule, caller.scope());
    }

    public static AlertFilter seenBy(Caller caller) {
        return seenBy(caller, (String) null, null, null);
    }

    /**
     * The departments whose alerts pass: empty when any department does, an empty set when none does
     * (only departments outside the scope asked for).
     */
    public Optional<Set<String>> departments() {
        if (departmentFilter.isEmpty()) {
            return scope.restriction();
        }
        return Optional.of(departmentFilter.stream().filter(scope::includes).collect(Collectors.toUnmodifiableSet()));
    }

    /** The severities that pass, or empty when every severity does. */
    public Optional<Set<Severity>> severities() {
        if (severity == null && minSeverity == null) {
            return Optional.empty();
        }
        Set<Severity> passing = new LinkedHashSet<>();
        for (Severity s : Severity.values()) {
            if ((severity == null || s == severity) && (minSeverity == null || s.compareTo(minSeverity) >= 0)) {
                passing.add(s);
            }
        }
        return Optional.of(passing);
    }

    public boolean admits(String alertDepartment) {
        return departments().map(visible -> visible.contains(alertDepartment)).orElse(true);
    }

    public boolean matches(AlertTransition t) {
        return admits(t.department())
                && severities().map(passing -> passing.contains(t.severity())).orElse(true)
                && (rule == null || rule == t.rule());
    }
}
