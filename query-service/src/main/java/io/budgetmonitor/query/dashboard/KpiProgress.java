package io.budgetmonitor.query.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * 绩效指标 progress of a department-year mid-year (绩效运行监控): each KPI against its target and
 * against 序时进度. Numbers are decimal strings, as amounts and rates are.
 */
public record KpiProgress(String department, int fiscalYear, LocalDate asOf, String timeProgress, List<Kpi> kpis) {

    /**
     * @param direction  HIGHER_IS_BETTER, LOWER_IS_BETTER or QUALITATIVE
     * @param actual     the latest reported progress (null before any report)
     * @param completion actual ÷ target; for lower-is-better 1 at or below the target and target ÷ actual above
     *                   it; 1 or 0 for a qualitative KPI met or not (as scoring-service scores it)
     * @param status     ON_TRACK, BEHIND or NOT_REPORTED (the pace: completion against time progress for a
     *                   higher-is-better KPI; meeting the target now for the others)
     * @param cumulative whether the KPI accumulates through the year (a count or amount unit, higher is better;
     *                   budget-api's KpiExpectation, as scoring's monitoring report reads it)
     * @param expectedYearEnd    the year-end value expected: actual ÷ time progress for a cumulative KPI during
     *                           the year, else the latest actual (null before any report)
     * @param expectedCompletion expectedYearEnd as a completion (same rule as {@code completion})
     * @param onTrack    null when not reported (or not judgeable)
     * @param targetHistory the target as set and every adjustment (年中调整), oldest first
     */
    public record Kpi(
            String kpi,
            String task,
            String name,
            String direction,
            String target,
            String targetDescription,
            String unit,
            String points,
            String actual,
            Boolean met,
            LocalDate reportedOn,
            String completion,
            String status,
            Boolean onTrack,
            boolean cumulative,
            String expectedYearEnd,
            String expectedCompletion,
            List<TargetChange> targetHistory) {}

    /** A target set ({@code SET}) or adjusted ({@code ADJUSTED}), on its business date, with who recorded it. */
    public record TargetChange(
            String change,
            LocalDate on,
            String target,
            String targetDescription,
            String reason,
            Instant recordedAt,
            String recordedBy) {}
}
