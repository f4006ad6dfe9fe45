package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.TimeProgressCurve;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * 序时进度 as query-service reads it: the locality's {@link TimeProgressCurve} (budget-api's one
 * implementation, shared with scoring-service), configured by {@code budget.monitoring.time-progress}
 * and built once ({@link TimeProgressConfiguration}); the rule engine, the execution queries and the
 * dashboard all take this one bean. The straight line by default, where quarter ends land exactly on
 * 25/50/75/100%. Clamped to the year: 0 before 1 January, 1 after 31 December.
 */
public final class TimeProgress {

    /** The default curve, months elapsed ÷ 12. */
    public static final TimeProgress STRAIGHT_LINE = new TimeProgress(TimeProgressCurve.STRAIGHT_LINE);

    private final TimeProgressCurve curve;

    public TimeProgress(TimeProgressCurve curve) {
        this.curve = curve == null ? TimeProgressCurve.STRAIGHT_LINE : curve;
    }

    public TimeProgressCurve curve() {
        return curve;
    }

    /** The ratio (0..1) at full precision; rounded only where it is shown. */
    public BigDecimal ratio(LocalDate date, int fiscalYear) {
        return curve.ratio(date, fiscalYear);
    }

    public static BigDecimal monthsElapsed(LocalDate date, int fiscalYear) {
        return TimeProgressCurve.monthsElapsed(date, fiscalYear);
    }

    /** The date clamped into the fiscal year (an evaluation after year end looks at 31 December). */
    public static LocalDate clamp(LocalDate date, int fiscalYear) {
        return TimeProgressCurve.clamp(date, fiscalYear);
    }

    @Override
    public String toString() {
        return curve.toString();
    }
}
