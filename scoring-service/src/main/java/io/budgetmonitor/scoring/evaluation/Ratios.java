package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.LineInputs;
import io.budgetmonitor.scoring.rubric.Ratio;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The definitions of the ratios a rubric can name, over exact amounts (RUBRIC.md, column “rule”). */
final class Ratios {

    private Ratios() {}

    static Fraction of(Ratio ratio, IndicatorInputs in) {
        return switch (ratio) {
            case BUDGET_COMPLETION -> execution(in, line -> true, "adjustedBudget", "调整预算数");
            case GENERAL_PUBLIC_BUDGET_EXECUTION ->
                execution(in, IndicatorInputs.generalPublicBudget(), "generalPublicBudget", "一般公共预算调整预算数");
            case BASIC_EXPENDITURE_EXECUTION ->
                execution(in, line -> line.expenditureType().isBasic(), "basicBudget", "基本支出预算数");
            case PUBLIC_EXPENSE_CONTROL ->
                execution(
                        in,
                        line -> line.expenditureType() == ExpenditureType.PUBLIC_EXPENSE,
                        "publicExpenseBudget",
                        "公用经费预算数");
            case THREE_PUBLIC_CONTROL ->
                execution(in, line -> line.threePublic().isThreePublic(), "threePublicBudget", "“三公经费”预算数");
            case APPROPRIATION_REVENUE_VARIANCE -> {
                Money budget = in.budget(LineInputs::appropriation);
                Money reclaimed = in.sum(LineInputs::appropriation, LineInputs::reclaimed);
                Map<String, String> inputs = new LinkedHashMap<>();
                inputs.put("appropriationBudget", budget.toString());
                inputs.put("appropriationReclaimed", reclaimed.toString());
                // final revenue = budget − reclaimed, so |final − budget| = reclaimed
                inputs.put("appropriationFinalRevenue", budget.minus(reclaimed).toString());
                yield new Fraction(reclaimed.amount(), budget.amount(), inputs, "财政拨款调整预算数");
            }
            case CARRY_OVER_SURPLUS -> {
                Predicate<LineInputs> appropriation = LineInputs::appropriation;
                Money budget = in.budget(appropriation);
                Money carried = in.sum(appropriation, LineInputs::carriedOver);
                Money surplus = in.sum(appropriation, LineInputs::surplus);
                Map<String, String> inputs = new LinkedHashMap<>();
                inputs.put("appropriationBudget", budget.toString());
                inputs.put("appropriationExecuted", in.executed(appropriation).toString());
                inputs.put(
                        "appropriationReclaimed",
                        in.sum(appropriation, LineInputs::reclaimed).toString());
                inputs.put("appropriationCarriedOver", carried.toString());
                inputs.put("appropriationSurplus", surplus.toString());
                yield new Fraction(carried.plus(surplus).amount(), budget.amount(), inputs, "财政拨款调整预算数");
            }
            case FIXED_ASSET_UTILIZATION -> {
                Money inUse = in.assetsInUse() == null ? Money.ZERO : in.assetsInUse();
                Money total = in.assetsTotal() == null ? Money.ZERO : in.assetsTotal();
                Map<String, String> inputs = new LinkedHashMap<>();
                inputs.put("fixedAssetsInUse", inUse.toString());
                inputs.put("fixedAssetsTotal", total.toString());
                yield new Fraction(inUse.amount(), total.amount(), inputs, "固定资产总额");
            }
            case PROCUREMENT_EXECUTION -> {
                Map<String, String> inputs = new LinkedHashMap<>();
                inputs.put("procurementActual", in.procurementActual().toString());
                inputs.put("procurementPlan", in.procurementPlan().toString());
                yield new Fraction(
                        in.procurementActual().amount(), in.procurementPlan().amount(), inputs, "政府采购计划金额");
            }
            case KPI_COMPLETION -> {
                long declared = in.kpis().size();
                long met = in.kpis().stream()
                        .filter(k -> KpiScoring.score(k).met())
                        .count();
                Map<String, String> inputs = new LinkedHashMap<>();
                inputs.put("kpisDeclared", Long.toString(declared));
                inputs.put("kpisMet", Long.toString(met));
                yield new Fraction(BigDecimal.valueOf(met), BigDecimal.valueOf(declared), inputs, "申报绩效指标数");
            }
        };
    }

    private static Fraction execution(IndicatorInputs in, Predicate<LineInputs> which, String budgetKey, String label) {
        Money budget = in.budget(which);
        Money executed = in.executed(which);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put(budgetKey, budget.toString());
        inputs.put("executed", executed.toString());
        inputs.put("disbursed", in.sum(which, LineInputs::disbursed).toString());
        inputs.put("reversed", in.sum(which, LineInputs::reversed).toString());
        return new Fraction(executed.amount(), budget.amount(), inputs, label);
    }
}
