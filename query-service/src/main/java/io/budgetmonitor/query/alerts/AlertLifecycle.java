package io.budgetmonitor.query.alerts;

import io.budgetmonitor.query.rules.Condition;
import io.budgetmonitor.query.rules.Severity;
import java.util.Optional;

/**
 * The alert state machine, plain: what an evaluation does to an existing alert (or its absence) given
 * whether its condition holds now. Same facts → no step, which is why re-evaluation never duplicates.
 */
public final class AlertLifecycle {
    private AlertLifecycle() {}

    /** A change to apply; {@code kind} null means a silent refresh of the numbers, with no transition. */
    public record Step(TransitionKind kind, AlertStatus status, Severity severity) {}

    /** The step in a year still open (未结账). */
    public static Optional<Step> next(Alert existing, Condition condition) {
        return next(existing, condition, false);
    }

    /**
     * The step given whether the alert's fiscal year is closed (已结账). A closed year is final: its
     * active alerts are resolved with it ({@link TransitionKind#CLOSED_WITH_YEAR}, whatever the
     * condition says — a condition of a closed year can no longer be corrected), and it opens,
     * reopens, escalates or refreshes nothing, so a resolved alert of a closed year stays as it was.
     */
    public static Optional<Step> next(Alert existing, Condition condition, boolean yearClosed) {
        if (yearClosed) {
            return existing != null && existing.status() != AlertStatus.RESOLVED
                    ? Optional.of(new Step(TransitionKind.CLOSED_WITH_YEAR, AlertStatus.RESOLVED, existing.severity()))
                    : Optional.empty();
        }
        if (existing == null) {
            return condition == null
                    ? Optional.empty()
                    : Optional.of(new Step(TransitionKind.OPENED, AlertStatus.OPEN, condition.severity()));
        }
        boolean active = existing.status() != AlertStatus.RESOLVED;
        if (condition == null) {
            return active
                    ? Optional.of(new Step(TransitionKind.RESOLVED, AlertStatus.RESOLVED, existing.severity()))
                    : Optional.empty();
        }
        if (!active) {
            return Optional.of(new Step(TransitionKind.REOPENED, AlertStatus.OPEN, condition.severity()));
        }
        int change = condition.severity().compareTo(existing.severity());
        if (change > 0) {
            // a rise needs fresh eyes even if someone acknowledged the milder version
            return Optional.of(new Step(TransitionKind.ESCALATED, AlertStatus.ESCALATED, condition.severity()));
        }
        if (change < 0) {
            AlertStatus status =
                    existing.status() == AlertStatus.ACKNOWLEDGED ? AlertStatus.ACKNOWLEDGED : AlertStatus.OPEN;
            return Optional.of(new Step(TransitionKind.DEESCALATED, status, condition.severity()));
        }
        if (!condition.message().equals(existing.message())
                || !condition.evidence().equals(existing.evidence())) {
            return Optional.of(new Step(null, existing.status(), existing.severity()));
        }
        return Optional.empty();
    }
}
