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
     * @param status     ON_TRACK, BEHIND or NOT_REPORTED
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
