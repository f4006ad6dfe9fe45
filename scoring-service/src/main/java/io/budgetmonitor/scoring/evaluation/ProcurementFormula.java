package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.FormulaSpec;
import io.budgetmonitor.scoring.rubric.NotApplicableRule;
import io.budgetmonitor.scoring.rubric.Ratio;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;
import java.util.List;

/**
 * 政府采购执行率: full points when every purchase had an approved plan and actual ≤ plan; procurement
 * without any plan scores 0; above the plan, the rubric's over-limit rule.
 */
final class ProcurementFormula implements IndicatorFormula {

    @Override
    public FormulaKind kind() {
        return FormulaKind.PROCUREMENT;
    }

    @Override
    public LeafScore score(RubricIndicator indicator, IndicatorInputs inputs, Rubric rubric) {
        FormulaSpec spec = indicator.formula();
        Fraction fraction = Ratios.of(Ratio.PROCUREMENT_EXECUTION, inputs);
        String formula =
                "full points when actual procurement ≤ approved plan; procurement without a plan: 0; above plan: "
                        + ControlRateFormula.describe(spec.overLimit());
        String name = indicator.name().zh();
        if (fraction.rate().isEmpty()) {
            if (inputs.procurementActual().isPositive()) {
                BigDecimal zero = Scores.points(BigDecimal.ZERO);
                return new LeafScore(
                        indicator.max(),
                        zero,
                        null,
                        formula,
                        fraction.inputs(),
                        "存在无采购计划的政府采购（实际采购金额" + inputs.procurementActual() + "元，采购计划金额为0），此项不得分。",
                        List.of(),
                        false,
                        null);
            }
            boolean full = spec.notApplicable() == NotApplicableRule.FULL;
            BigDecimal points = Scores.points(full ? indicator.max() : BigDecimal.ZERO);
            return new LeafScore(
                    indicator.max(),
                    points,
                    null,
                    formula,
                    fraction.inputs(),
                    "本年无政府采购计划，也无政府采购支出，" + name + "不适用，按评价方案得" + Scores.show(points) + "分。",
                    List.of(),
                    true,
                    null);
        }
        BigDecimal rate = fraction.rate().get();
        BigDecimal points = ControlRateFormula.overLimit(indicator.max(), rate, spec.overLimit(), spec.floor());
        String explanation = rate.compareTo(BigDecimal.ONE) <= 0
                ? name + "为" + Scores.percent(rate) + "，经过规定程序批准的年度政府采购计划方可进行政府采购，实际采购金额"
                        + (rate.compareTo(BigDecimal.ONE) < 0 ? "小于" : "等于") + "采购计划金额，此项不扣分，得" + Scores.show(points)
                        + "分。"
                : name + "为" + Scores.percent(rate) + "，实际采购金额超过采购计划金额，按评价方案（"
                        + spec.overLimit().assumption() + "）计算得" + Scores.show(points) + "分。";
        return LeafScore.of(indicator.max(), points, rate, formula, fraction.inputs(), explanation);
    }
}
