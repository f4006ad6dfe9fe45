package io.budgetmonitor.scoring.monitoring;

import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.scoring.projection.ProjectedScore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * 绩效运行监控表 (双监控, 财预〔2019〕136号): a department-year as it stood at the end of {@code asOf} —
 * budget execution against time progress (序时进度) by fund source and by quarter, each KPI's progress
 * and expected year-end completion, the deviations with their cause and corrective measure, and the
 * projected score. Every figure is of the inputs cut at {@code asOf}: no event dated later counts.
 *
 * @param timeProgress the time progress at {@code asOf}, a ratio
 */
public record MonitoringReport(
        String department,
        int fiscalYear,
        String departmentName,
        LocalDate asOf,
        BigDecimal timeProgress,
        List<Execution> byFundSource,
        Execution total,
        List<QuarterExecution> byQuarter,
        List<KpiProgress> kpis,
        List<Deviation> deviations,
        ProjectedScore projected) {

    /**
     * 预算执行 of a fund source (or of all funds).
     *
     * @param subject      the fund source's name, or {@code EXECUTION} for all funds (what a deviation is explained by)
     * @param rate         executed ÷ budget, null when there is no budget
     * @param quarterRates the cumulative rate at the end of each quarter (at {@code asOf} in its own quarter),
     *                     null for a quarter not begun by then
     */
    public record Execution(
            String subject,
            String label,
            Money budget,
            Money executed,
            BigDecimal rate,
            List<BigDecimal> quarterRates) {

        /** Percentage points ahead of (+) or behind (−) the time progress, null without a rate. */
        public BigDecimal deviation(BigDecimal timeProgress) {
            return rate == null ? null : points(rate.subtract(timeProgress));
        }
    }

    /**
     * 分季度执行 of all funds: a quarter up to its end, or up to {@code asOf} for the current one.
     * Null figures for a quarter not begun by {@code asOf}.
     */
    public record QuarterExecution(
            int quarter,
            LocalDate until,
            BigDecimal timeProgress,
            Money executedInQuarter,
            Money cumulative,
            BigDecimal rate) {

        public boolean begun() {
            return until != null;
        }
    }

    /**
     * 绩效指标 progress to date and the year-end completion expected from it (budget-api's
     * {@code KpiExpectation}): a cumulative KPI (a count or amount) projected by time progress, any other
     * KPI at its latest reported value.
     *
     * @param completion         actual ÷ target (inverse for lower-is-better), a ratio; null for a qualitative or
     *                           unreported KPI
     * @param expectedMet        whether the KPI is expected to meet its target by the year end
     * @param expectedCompletion the expected year-end completion, a ratio (= completion unless projected)
     * @param projected          whether the expectation was projected by time progress (累计类指标)
     */
    public record KpiProgress(
            String code,
            String name,
            String direction,
            String target,
            String unit,
            String actual,
            BigDecimal completion,
            boolean reported,
            boolean expectedMet,
            BigDecimal expectedCompletion,
            boolean projected) {}

    /**
     * 偏差: a subject behind its time progress or a KPI not expected to meet its target, with the
     * explanation an evaluator gave for it (null until one is given).
     */
    public record Deviation(
            String subject, String label, String description, DeviationExplanations.Explanation explanation) {}

    static BigDecimal points(BigDecimal ratio) {
        return ratio.movePointRight(2).setScale(2, RoundingMode.HALF_UP);
    }
}
