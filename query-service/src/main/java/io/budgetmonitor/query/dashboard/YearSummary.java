package io.budgetmonitor.query.dashboard;

import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.query.execution.ExecutionReport.Breakdown;
import io.budgetmonitor.query.rules.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * 全区汇总: a fiscal year over the departments the caller sees. Every amount is the exact sum of the
 * departments' own execution figures, so the roll-up and the departments never disagree by a cent.
 *
 * @param rateDistribution departments per 预算执行率 band
 * @param withoutBudget    departments with no budget yet (no rate, in no band)
 * @param furthestBehind   departments below 序时进度, the furthest behind first
 */
public record YearSummary(
        int fiscalYear,
        LocalDate asOf,
        String timeProgress,
        int departments,
        Money budget,
        Money executed,
        Money available,
        String executionRate,
        List<Breakdown> byFundSource,
        List<Breakdown> byExpenditureType,
        List<RateBand> rateDistribution,
        int withoutBudget,
        List<Behind> furthestBehind,
        Map<Severity, Integer> openAlerts) {

    /** Departments whose rate is in [from, to); {@code to} null for the open-ended top band. */
    public record RateBand(String from, String to, int count, List<String> departments) {}

    /** A department behind time progress by {@code gap} (negative). */
    public record Behind(String department, String name, String executionRate, String timeProgress, String gap) {}
}
