package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns a {@link DepartmentYearState} into the execution figures users see. Pure: the same state and
 * date always give the same report, whether the state is live or folded as of a past day.
 */
public final class ExecutionCalculator {
    private ExecutionCalculator() {}

    public static ExecutionReport report(
            DepartmentYearState state, LocalDate asOf, TimeProgress timeProgress, Instant knownAt) {
        int year = state.id().fiscalYear();
        BigDecimal progress = timeProgress.ratio(asOf, year);
        String progressText = Rates.text(progress);
        List<ExecutionReport.Breakdown> byFund = new ArrayList<>();
        for (FundSource fs : FundSource.values()) {
            if (state.lines().stream().anyMatch(l -> l.fundSource() == fs)) {
                byFund.add(breakdown(fs.name(), state.lines(), l -> l.fundSource() == fs, progressText));
            }
        }
        List<ExecutionReport.Breakdown> byType = new ArrayList<>();
        for (ExpenditureType type : ExpenditureType.values()) {
            if (state.lines().stream().anyMatch(l -> l.expenditureType() == type)) {
                byType.add(breakdown(type.name(), state.lines(), l -> l.expenditureType() == type, progressText));
            }
        }
        ExecutionReport.Breakdown basic = breakdown(
                "BASIC",
                state.lines(),
                l -> l.expenditureType() != null && l.expenditureType().isBasic(),
                progressText);
        List<ExecutionReport.QuarterView> quarters = quarters(state);
        Money reclaimed = sum(state.lines(), l -> true, LineFigures::reclaimed);
        Money carried = sum(state.lines(), l -> true, LineFigures::carriedOver);
        Money budget = state.budget();
        Money executed = state.executed();
        return new ExecutionReport(
                state.id().department(),
                year,
                state.departmentName(),
                state.rubric(),
                asOf,
                knownAt,
                state.lastPosition(),
                budget,
                executed,
                budget.minus(executed).minus(reclaimed).minus(carried),
                reclaimed,
                carried,
                Rates.text(Rates.ratio(executed, budget)),
                progressText,
                byFund,
                byType,
                basic,
                quarters,
                Rates.text(averageQuarterlyRate(quarters)));
    }

    /** Cumulative execution of general-public-budget lines at the end of quarter q (RUBRIC A1.5). */
    public static BigDecimal quarterCumulativeRate(DepartmentYearState state, int q) {
        Predicate<LineFigures> gp = l -> l.fundSource() == FundSource.GENERAL_PUBLIC_BUDGET;
        Money executed = sum(state.lines(), gp, l -> l.executedThroughQuarter(q));
        return Rates.ratio(executed, sum(state.lines(), gp, LineFigures::budget));
    }

    public static BigDecimal quarterTarget(DepartmentYearState state, int q) {
        return state.quarterTargets().get(q - 1);
    }

    /** Ledger YTD execution per fund source at the end of quarter q, by business date. */
    public static Map<FundSource, Money> ledgerThroughQuarter(DepartmentYearState state, int q) {
        Map<FundSource, Money> ledger = new EnumMap<>(FundSource.class);
        for (LineFigures line : state.lines()) {
            if (line.fundSource() != null) {
                ledger.merge(line.fundSource(), line.executedThroughQuarter(q), Money::plus);
            }
        }
        return ledger;
    }

    public static List<ExecutionReport.Reconciliation> reconcile(DepartmentYearState state, QuarterClose close) {
        Map<FundSource, Money> ledger = ledgerThroughQuarter(state, close.quarter());
        TreeSet<FundSource> sources = new TreeSet<>(close.reported().keySet());
        ledger.forEach((fs, amount) -> {
            if (!amount.isZero()) {
                sources.add(fs);
            }
        });
        List<ExecutionReport.Reconciliation> result = new ArrayList<>();
        for (FundSource fs : sources) {
            Money reported = close.reported().getOrDefault(fs, Money.ZERO);
            Money actual = ledger.getOrDefault(fs, Money.ZERO);
            Money difference = reported.minus(actual);
            result.add(
                    new ExecutionReport.Reconciliation(fs.name(), reported, actual, difference, difference.isZero()));
        }
        return result;
    }

    private static List<ExecutionReport.QuarterView> quarters(DepartmentYearState state) {
        int year = state.id().fiscalYear();
        List<ExecutionReport.QuarterView> views = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            BigDecimal target = quarterTarget(state, q);
            BigDecimal cumulative = quarterCumulativeRate(state, q);
            BigDecimal vsTarget = Rates.ratio(cumulative, target);
            BigDecimal scored = vsTarget == null ? null : vsTarget.min(BigDecimal.ONE.setScale(4));
            QuarterClose close = state.closes().get(q);
            views.add(new ExecutionReport.QuarterView(
                    q,
                    Quarter.of(q).lastDay(year),
                    Rates.text(target),
                    Rates.text(cumulative),
                    Rates.text(vsTarget),
                    Rates.text(scored),
                    close != null,
                    close == null ? null : close.closedOn(),
                    close == null ? List.of() : reconcile(state, close)));
        }
        return views;
    }

    /** Mean of the four capped quarterly rates (一般公共预算支出年度平均执行率). */
    private static BigDecimal averageQuarterlyRate(List<ExecutionReport.QuarterView> quarters) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ExecutionReport.QuarterView q : quarters) {
            if (q.scoredRate() == null) {
                return null;
            }
            sum = sum.add(new BigDecimal(q.scoredRate()));
        }
        return sum.divide(BigDecimal.valueOf(4), 4, RoundingMode.HALF_UP);
    }

    public static List<LineView> lines(DepartmentYearState state, LocalDate asOf, TimeProgress timeProgress) {
        List<LineView> views = new ArrayList<>();
        for (LineFigures line : state.lines()) {
            views.add(line(state, line, asOf, timeProgress));
        }
        return views;
    }

    public static LineView line(
            DepartmentYearState state, LineFigures line, LocalDate asOf, TimeProgress timeProgress) {
        BigDecimal progress = timeProgress.ratio(asOf, state.id().fiscalYear());
        List<LineView.LineQuarter> quarters = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            Money cumulative = line.executedThroughQuarter(q);
            quarters.add(new LineView.LineQuarter(
                    q,
                    line.quarterDisbursed(q).minus(line.quarterReversed(q)),
                    cumulative,
                    Rates.text(Rates.ratio(cumulative, line.budget()))));
        }
        return new LineView(
                state.id().department(),
                state.id().fiscalYear(),
                line.line(),
                line.name(),
                name(line.fundSource()),
                name(line.expenditureType()),
                name(line.threePublic()),
                line.appropriation(),
                line.allocated(),
                line.adjustments(),
                line.transfers(),
                line.budget(),
                line.executed(),
                line.available(),
                line.reclaimed(),
                line.carriedOver(),
                Rates.text(Rates.ratio(line.executed(), line.budget())),
                Rates.text(progress),
                asOf,
                line.rejectedCount(),
                quarters);
    }

    static ExecutionReport.Breakdown breakdown(
            String key, Collection<LineFigures> lines, Predicate<LineFigures> filter, String progress) {
        Money budget = sum(lines, filter, LineFigures::budget);
        Money executed = sum(lines, filter, LineFigures::executed);
        Money available = sum(lines, filter, LineFigures::available);
        return new ExecutionReport.Breakdown(
                key, budget, executed, available, Rates.text(Rates.ratio(executed, budget)), progress);
    }

    public static Money sum(
            Collection<LineFigures> lines,
            Predicate<LineFigures> filter,
            java.util.function.Function<LineFigures, Money> figure) {
        Money total = Money.ZERO;
        for (LineFigures line : lines) {
            if (filter.test(line)) {
                total = total.plus(figure.apply(line));
            }
        }
        return total;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
