package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.query.rules.Condition;
import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure decider: what an evaluation does to an alert in an open year and in a closed one (已结账). */
class AlertLifecycleTest {
    private static final Instant T = Instant.parse("2021-06-30T18:00:00Z");

    private static Condition condition(Severity severity) {
        return new Condition(Rule.EXECUTION_BEHIND_SCHEDULE, "department", severity, "behind", List.of("e1"));
    }

    private static Alert alert(AlertStatus status, Severity severity) {
        return new Alert(
                1,
                Rule.EXECUTION_BEHIND_SCHEDULE,
                "department",
                "D",
                2021,
                severity,
                status,
                "behind",
                List.of("e1"),
                T,
                T,
                null,
                null,
                null,
                status == AlertStatus.RESOLVED ? T : null);
    }

    private static AlertLifecycle.Step step(TransitionKind kind, AlertStatus status, Severity severity) {
        return new AlertLifecycle.Step(kind, status, severity);
    }

    @Test
    void inAnOpenYearAConditionOpensEscalatesAndResolves() {
        assertThat(AlertLifecycle.next(null, condition(Severity.WARNING)))
                .contains(step(TransitionKind.OPENED, AlertStatus.OPEN, Severity.WARNING));
        assertThat(AlertLifecycle.next(alert(AlertStatus.OPEN, Severity.WARNING), condition(Severity.CRITICAL)))
                .contains(step(TransitionKind.ESCALATED, AlertStatus.ESCALATED, Severity.CRITICAL));
        assertThat(AlertLifecycle.next(alert(AlertStatus.OPEN, Severity.WARNING), null))
                .contains(step(TransitionKind.RESOLVED, AlertStatus.RESOLVED, Severity.WARNING));
        assertThat(AlertLifecycle.next(alert(AlertStatus.RESOLVED, Severity.WARNING), condition(Severity.WARNING)))
                .contains(step(TransitionKind.REOPENED, AlertStatus.OPEN, Severity.WARNING));
        assertThat(AlertLifecycle.next(alert(AlertStatus.OPEN, Severity.WARNING), condition(Severity.WARNING)))
                .isEmpty();
    }

    @Test
    void aClosedYearResolvesEveryActiveAlertWithTheYearWhetherOrNotItsConditionStillHolds() {
        for (AlertStatus active : List.of(AlertStatus.OPEN, AlertStatus.ESCALATED, AlertStatus.ACKNOWLEDGED)) {
            assertThat(AlertLifecycle.next(alert(active, Severity.CRITICAL), condition(Severity.CRITICAL), true))
                    .contains(step(TransitionKind.CLOSED_WITH_YEAR, AlertStatus.RESOLVED, Severity.CRITICAL));
            assertThat(AlertLifecycle.next(alert(active, Severity.WARNING), null, true))
                    .contains(step(TransitionKind.CLOSED_WITH_YEAR, AlertStatus.RESOLVED, Severity.WARNING));
        }
    }

    @Test
    void aClosedYearOpensReopensAndRefreshesNothing() {
        assertThat(AlertLifecycle.next(null, condition(Severity.CRITICAL), true))
                .isEmpty();
        assertThat(AlertLifecycle.next(
                        alert(AlertStatus.RESOLVED, Severity.WARNING), condition(Severity.CRITICAL), true))
                .isEmpty();
        assertThat(AlertLifecycle.next(alert(AlertStatus.RESOLVED, Severity.WARNING), null, true))
                .isEmpty();
    }
}
