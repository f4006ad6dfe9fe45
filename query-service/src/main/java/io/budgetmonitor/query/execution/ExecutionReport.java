package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A department-year's execution (部门整体预算执行情况) on an evaluation date: the response of
 * {@code GET /api/v1/departments/{d}/years/{y}/execution}.
 *
 * @param asOf     the evaluation (business) date; time progress is taken on it
 * @param knownAt  recording-time cut-off, null for "everything recorded so far"
 * @param position highest log position included
 */
public record ExecutionReport(
        String department,
        int fiscalYear,
        String departmentName,
        String rubric,
        LocalDate asOf,
        Instant knownAt,
        long position,
        Money budget,
        Money executed,
        Money available,
        Money reclaimed,
        Money carriedOver,
        String executionRate,
        String timeProgress,
        List<Breakdown> byFundSource,
        List<Breakdown> byExpenditureType,
        Breakdown basic,
        List<QuarterView> quarters,
        String averageQuarterlyRate) {

    /** Figures of one slice (fund source 资金来源, expenditure type 支出类型, or 基本支出). */
    public record Breakdown(
            String key, Money budget, Money executed, Money available, String executionRate, String timeProgress) {}

    /**
     * One quarter: its cumulative time-progress target, the cumulative execution of general-public-budget
     * lines (一般公共预算, net disbursements dated on or before the quarter end ÷ their adjusted budget),
     * that rate ÷ target, the same capped at 1 (as A1.5 scores it), and the reconciliation of the
     * department's reported figures when the quarter is closed.
     */
    public record QuarterView(
            int quarter,
            LocalDate endsOn,
            String target,
            String cumulativeRate,
            String rateVsTarget,
            String scoredRate,
            boolean closed,
            LocalDate closedOn,
            List<Reconciliation> reconciliation) {}

    /** Reported YTD execution of a fund source at a quarter close vs the ledger (对账). */
    public record Reconciliation(String fundSource, Money reported, Money ledger, Money difference, boolean matches) {}
}
