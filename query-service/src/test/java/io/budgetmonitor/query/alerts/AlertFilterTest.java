package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import io.budgetmonitor.security.DepartmentScope;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A filter never reaches past the caller's departments, whatever department it asks for. */
class AlertFilterTest {
    private static final DepartmentScope BYSJ = DepartmentScope.of(Set.of("BY-SJ"));

    @Test
    void aDepartmentFilterNarrowsWithinTheScopeAndOutsideItMatchesNothing() {
        assertThat(new AlertFilter(null, null, null, DepartmentScope.all()).departments())
                .isEmpty();
        assertThat(new AlertFilter("BY-XS", null, null, DepartmentScope.all()).departments())
                .hasValue(Set.of("BY-XS"));
        assertThat(new AlertFilter(null, null, null, BYSJ).departments()).hasValue(Set.of("BY-SJ"));
        assertThat(new AlertFilter("BY-SJ", null, null, BYSJ).departments()).hasValue(Set.of("BY-SJ"));
        assertThat(new AlertFilter("BY-XS", null, null, BYSJ).departments()).hasValue(Set.of());
    }

    @Test
    void transitionsOfAnotherDepartmentDoNotMatchAScopedFilter() {
        AlertFilter scoped = new AlertFilter(null, null, null, BYSJ);
        assertThat(scoped.matches(transition("BY-SJ", Severity.WARNING))).isTrue();
        assertThat(scoped.matches(transition("BY-XS", Severity.WARNING))).isFalse();
        assertThat(new AlertFilter("BY-XS", null, null, BYSJ).matches(transition("BY-XS", Severity.WARNING)))
                .isFalse();
        assertThat(new AlertFilter(null, Severity.CRITICAL, null, BYSJ).matches(transition("BY-SJ", Severity.WARNING)))
                .isFalse();
        assertThat(scoped.admits("BY-XS")).isFalse();
    }

    @Test
    void severalDepartmentsAndAMinimumSeverityStayWithinTheScope() {
        io.budgetmonitor.security.Caller scopedViewer = new io.budgetmonitor.security.Caller(
                "viewer-bysj", Set.of(io.budgetmonitor.security.Role.VIEWER), BYSJ);
        AlertFilter both = AlertFilter.seenBy(scopedViewer, List.of("BY-SJ,BY-XS"), null, Severity.WARNING, null);
        assertThat(both.departments()).hasValue(Set.of("BY-SJ"));
        assertThat(both.matches(transition("BY-SJ", Severity.CRITICAL))).isTrue();
        assertThat(both.matches(transition("BY-SJ", Severity.WARNING))).isTrue();
        assertThat(both.matches(transition("BY-SJ", Severity.INFO))).isFalse();
        assertThat(both.matches(transition("BY-XS", Severity.CRITICAL))).isFalse();

        AlertFilter everywhere =
                new AlertFilter(Set.of("BY-SJ", "BY-XS"), null, Severity.CRITICAL, null, DepartmentScope.all());
        assertThat(everywhere.departments()).hasValue(Set.of("BY-SJ", "BY-XS"));
        assertThat(everywhere.severities()).hasValue(Set.of(Severity.CRITICAL));
        assertThat(everywhere.matches(transition("BY-XS", Severity.CRITICAL))).isTrue();
        assertThat(everywhere.matches(transition("BY-BY", Severity.CRITICAL))).isFalse();
    }

    private static AlertTransition transition(String department, Severity severity) {
        return new AlertTransition(
                1,
                1,
                Rule.EXECUTION_BEHIND_SCHEDULE,
                "department",
                department,
                2021,
                TransitionKind.OPENED,
                AlertStatus.OPEN,
                severity,
                "m",
                List.of(),
                null,
                null,
                Instant.EPOCH);
    }
}
