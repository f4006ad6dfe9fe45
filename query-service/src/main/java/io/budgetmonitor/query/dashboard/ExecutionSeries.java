package io.budgetmonitor.query.dashboard;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * 累计执行曲线: cumulative net execution of a department-year at the end of each week or month up to
 * {@code asOf} (the last point is {@code asOf} itself), per fund source and in total, beside the
 * 序时进度 line and the quarterly targets. Column-oriented, as charting libraries take series: the i-th
 * value of every list belongs to {@code dates[i]}.
 *
 * @param timeProgress    序时进度 on each date
 * @param total           every fund source together
 * @param quarterTargets  the year's cumulative quarterly targets (季度序时目标) at each quarter end
 */
public record ExecutionSeries(
        String department,
        int fiscalYear,
        LocalDate asOf,
        String interval,
        List<LocalDate> dates,
        List<String> timeProgress,
        Series total,
        List<Series> byFundSource,
        List<QuarterTarget> quarterTargets) {

    /**
     * One curve: cumulative net disbursements (支出 − 冲销, each on its own business date) and the same as a
     * rate of today's adjusted {@code budget} (as the quarterly rates are).
     */
    public record Series(String key, Money budget, List<Money> executed, List<String> rate) {}

    public record QuarterTarget(int quarter, LocalDate endsOn, String target) {}
}
