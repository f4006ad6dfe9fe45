package io.budgetmonitor.api.commands;

import java.time.LocalDate;
import java.util.Set;

/**
 * 记账期间: the dates a command of fiscal year Y may carry as {@code occurredOn}. Chinese fiscal
 * years are calendar years, so most commands happen inside Y. Two kinds reach outside it:
 * <ul>
 *   <li>opening the year: the budget is compiled and approved (预算编制, 批复) during Y−1, so
 *       {@code OpenFiscalYear} may be dated from 1 January of Y−1;</li>
 *   <li>settling and assessing the year: quarter and year closing, reclaims (财政收回), carry-overs
 *       (结转), asset and KPI reports and the assessments of the self-evaluation (自评) are done after
 *       31 December, in the 决算 season of Y+1, so they may be dated up to 31 December of Y+1.</li>
 * </ul>
 * Everything that moves money inside the year (allocations, adjustments, transfers, payments and
 * their reversals, procurement plans, KPI targets) is dated inside Y.
 */
public record BookingPeriod(LocalDate first, LocalDate last) {

    private static final Set<Class<? extends BudgetCommand>> SETTLEMENT = Set.of(
            CloseQuarter.class,
            CloseFiscalYear.class,
            ReclaimFunds.class,
            CarryOverFunds.class,
            ReportAssetUtilization.class,
            ReportPerformanceProgress.class,
            RecordQualitativeAssessment.class,
            RecordBonusPenalty.class,
            ExplainDeviation.class);

    /** The period of {@code command}, whose fiscal year must be known. */
    public static BookingPeriod of(BudgetCommand command) {
        int year = command.fiscalYear();
        LocalDate first = LocalDate.of(command instanceof OpenFiscalYear ? year - 1 : year, 1, 1);
        LocalDate last = LocalDate.of(SETTLEMENT.contains(command.getClass()) ? year + 1 : year, 12, 31);
        return new BookingPeriod(first, last);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(first) && !date.isAfter(last);
    }
}
