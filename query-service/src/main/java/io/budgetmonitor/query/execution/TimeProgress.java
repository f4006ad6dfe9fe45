package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.TimeProgressCurve;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * 序时进度 as query-service reads it: months elapsed ÷ 12 ({@link TimeProgressCurve#STRAIGHT_LINE}, the
 * one implementation shared with scoring-service), so quarter ends land exactly on 25/50/75/100%.
 * Clamped to the year: 0 before 1 January, 1 after 31 December.
 */
public final class TimeProgress {

    private TimeProgress() {}

    public static BigDecimal monthsElapsed(LocalDate date, int fiscalYear) {
        return TimeProgressCurve.monthsElapsed(date, fiscalYear);
    }

    /** The ratio (0..1) at full precision; rounded only where it is shown. */
    public static BigDecimal ratio(LocalDate date, int fiscalYear) {
        return TimeProgressCurve.STRAIGHT_LINE.ratio(date, fiscalYear);
    }

    /** The date clamped into the fiscal year (an evaluation after year end looks at 31 December). */
    public static LocalDate clamp(LocalDate date, int fiscalYear) {
        return TimeProgressCurve.clamp(date, fiscalYear);
    }
}
