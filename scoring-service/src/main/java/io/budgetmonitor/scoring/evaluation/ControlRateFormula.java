package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.FormulaSpec;
import io.budgetmonitor.scoring.rubric.OverLimitRule;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;

/** 控制率: full points at or below 100%; above it, the rubric's over-limit rule (an explicit assumption). */
final class ControlRateFormula implements IndicatorFormula {

    @Override
    public FormulaKind kind() {
        return FormulaKind.CONTROL_RATE;
    }

    @Override
    public LeafScore score(RubricIndicator indicator, IndicatorInputs inputs, Rubric rubric) {
        FormulaSpec spec = indicator.formula();
        Fraction fraction = Ratios.of(spec.ratio(), inputs);
        String formula = "full points when " + spec.ratio().name() + " ≤ 100%; above: " + describe(spec.overLimit());
        if (fraction.rate().isEmpty()) {
            return NotApplicable.score(indicator, fraction, formula);
        }
        BigDecimal rate = fraction.rate().get();
        BigDecimal points = overLimit(indicator.max(), rate, spec.overLimit(), spec.floor());
        String explanation;
        if (rate.compareTo(BigDecimal.ONE) <= 0) {
            explanation =
                    indicator.name().zh() + "为" + Scores.percent(rate) + "，未超过100%，得" + Scores.show(points) + "分。";
        } else {
            explanation = indicator.name().zh() + "为" + Scores.percent(rate) + "，超过100%，按评价方案（"
                    + spec.overLimit().assumption() + "）计算得" + Scores.show(points) + "分。";
        }
        return LeafScore.of(indicator.max(), points, rate, formula, fraction.inputs(), explanation);
    }

    static BigDecimal overLimit(BigDecimal max, BigDecimal rate, OverLimitRule rule, BigDecimal floor) {
        if (rate.compareTo(BigDecimal.ONE) <= 0) {
            return Scores.points(max);
        }
        return switch (rule.mode()) {
            case NONE -> Scores.points(max);
            case ZERO -> Scores.points(BigDecimal.ZERO);
            case STEP_DEDUCTION ->
                StepDeductionFormula.deduct(
                        max, rate.subtract(BigDecimal.ONE), rule.step(), rule.deductionPerStep(), floor);
        };
    }

    static String describe(OverLimitRule rule) {
        return switch (rule.mode()) {
                    case NONE -> "no deduction";
                    case ZERO -> "0 points";
                    case STEP_DEDUCTION ->
                        "deduct " + rule.deductionPerStep().toPlainString() + " per full "
                                + rule.step().toPlainString() + " of excess over 100%, floor 0";
                }
                + " (assumption: " + rule.assumption() + ")";
    }
}
