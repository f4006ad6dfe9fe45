package io.budgetmonitor.query.execution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * 序时进度: the share of the fiscal year elapsed on an evaluation date, as months elapsed ÷ 12.
 * A month counts in thirtieths (15 May → 4.5 months → 37.5%) and its last day counts as the whole
 * month (31 March → 25%, 28 February → 2/12), so quarter ends land exactly on 25/50/75/100%.
 * Clamped to the year: 0 before 1 January, 1 after 31 December.
 */
public final class TimeProgress {
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal THIRTY = BigDecimal.valueOf(30);

    private TimeProgress() {}

    public static BigDecimal monthsElapsed(LocalDate date, int fiscalYear) {
        if (date.getYear() < fiscalYear) {
            return BigDecimal.ZERO;
        }
        if (date.getYear() > fiscalYear) {
            return TWELVE;
        }
        BigDecimal full = BigDecimal.valueOf(date.getMonthValue() - 1L);
        BigDecimal part = date.getDayOfMonth() == date.lengthOfMonth()
                ? BigDecimal.ONE
                : BigDecimal.valueOf(Math.min(date.getDayOfMonth(), 30)).divide(THIRTY, 10, RoundingMode.HALF_UP);
        return full.add(part);
    }

    /** The ratio (0..1) at full precision; rounded only where it is shown. */
    public static BigDecimal ratio(LocalDate date, int fiscalYear) {
        return monthsElapsed(date, fiscalYear).divide(TWELVE, 10, RoundingMode.HALF_UP);
    }

    /** The date clamped into the fiscal year (an evaluation after year end looks at 31 December). */
    public static LocalDate clamp(LocalDate date, int fiscalYear) {
        LocalDate first = LocalDate.of(fiscalYear, 1, 1);
        LocalDate last = LocalDate.of(fiscalYear, 12, 31);
        return date.isBefore(first) ? first : date.isAfter(last) ? last : date;
    }
}
