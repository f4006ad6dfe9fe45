package io.budgetmonitor.scoring.monitoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * 序时进度: the share of the year's budget that should be spent by the end of a day — a straight line
 * through the year's cumulative quarter targets (0 on 1 January, the quarter's target on its last day).
 */
final class TimeProgress {

    private TimeProgress() {}

    /** The time progress at the end of {@code day}, a ratio in [0, 1], exact to 10 significant digits. */
    static BigDecimal at(List<BigDecimal> quarterTargets, int fiscalYear, LocalDate day) {
        if (day.getYear() < fiscalYear) {
            return BigDecimal.ZERO;
        }
        if (day.getYear() > fiscalYear) {
            return BigDecimal.ONE;
        }
        int q = (day.getMonthValue() - 1) / 3 + 1;
        LocalDate start = LocalDate.of(fiscalYear, (q - 1) * 3 + 1, 1);
        LocalDate end = start.plusMonths(3).minusDays(1);
        BigDecimal from = q == 1 ? BigDecimal.ZERO : quarterTargets.get(q - 2);
        BigDecimal to = quarterTargets.get(q - 1);
        long elapsed = ChronoUnit.DAYS.between(start, day) + 1;
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        return from.add(to.subtract(from)
                .multiply(BigDecimal.valueOf(elapsed))
                .divide(BigDecimal.valueOf(days), MathContext.DECIMAL64));
    }
}
