package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

/**
 * 评价基础数据: everything the rubric needs about one department-year, maintained incrementally from the
 * event stream so that scoring never re-reads events.
 *
 * @param rubric              the rubric the year was opened with, {@code id@version} once pinned (RubricPin);
 *                            null if not opened yet
 * @param quarterTargets      the year's cumulative time-progress targets (empty: the rubric's default)
 * @param generalQuarterNet   net general-public-budget disbursements dated in each quarter (4 entries, not cumulative)
 * @param procurementActual   政府采购实际金额: procurement disbursements net of their reversals
 * @param procurementPlan     政府采购计划金额: approved plans
 * @param assetsInUse         在用固定资产 (null until reported)
 * @param assetsTotal         固定资产总额 (null until reported)
 * @param position            the event-log position these inputs reflect
 */
public record IndicatorInputs(
        String department,
        int fiscalYear,
        String departmentName,
        String rubric,
        List<BigDecimal> quarterTargets,
        List<LineInputs> lines,
        List<Money> generalQuarterNet,
        Money procurementActual,
        Money procurementPlan,
        Money assetsInUse,
        Money assetsTotal,
        List<KpiInputs> kpis,
        List<QualitativeDeduction> deductions,
        List<BonusPenalty> bonusPenalties,
        boolean closed,
        long position) {

    public IndicatorInputs {
        quarterTargets = quarterTargets == null ? List.of() : List.copyOf(quarterTargets);
        lines = List.copyOf(lines);
        generalQuarterNet = List.copyOf(generalQuarterNet);
        if (generalQuarterNet.size() != 4) {
            throw new IllegalArgumentException("generalQuarterNet needs 4 quarters, had " + generalQuarterNet.size());
        }
        kpis = List.copyOf(kpis);
        deductions = List.copyOf(deductions);
        bonusPenalties = List.copyOf(bonusPenalties);
    }

    public Money budget(Predicate<LineInputs> which) {
        return lines.stream().filter(which).map(LineInputs::budget).reduce(Money.ZERO, Money::plus);
    }

    public Money executed(Predicate<LineInputs> which) {
        return lines.stream().filter(which).map(LineInputs::executed).reduce(Money.ZERO, Money::plus);
    }

    public Money sum(Predicate<LineInputs> which, java.util.function.Function<LineInputs, Money> amount) {
        return lines.stream().filter(which).map(amount).reduce(Money.ZERO, Money::plus);
    }

    public static Predicate<LineInputs> generalPublicBudget() {
        return line -> line.fundSource() == FundSource.GENERAL_PUBLIC_BUDGET;
    }

    /** Cumulative net general-public-budget disbursements at the end of quarter {@code q} (1–4). */
    public Money generalCumulative(int q) {
        Money sum = Money.ZERO;
        for (int i = 0; i < q; i++) {
            sum = sum.plus(generalQuarterNet.get(i));
        }
        return sum;
    }

    public List<QualitativeDeduction> deductionsFor(String indicator) {
        return deductions.stream().filter(d -> d.indicator().equals(indicator)).toList();
    }

    public IndicatorInputs with(List<LineInputs> newLines, List<Money> newQuarterNet, List<KpiInputs> newKpis) {
        return new IndicatorInputs(
                department,
                fiscalYear,
                departmentName,
                rubric,
                quarterTargets,
                newLines,
                newQuarterNet,
                procurementActual,
                procurementPlan,
                assetsInUse,
                assetsTotal,
                newKpis,
                deductions,
                bonusPenalties,
                closed,
                position);
    }
}
