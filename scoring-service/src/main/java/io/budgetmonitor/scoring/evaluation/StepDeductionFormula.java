package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.FormulaSpec;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;

/**
 * “每增加5.0%（含）扣减0.5分”: deduct per full step of the (rounded) rate, a step counting from exactly its
 * edge (5.00% deducts, 4.99% does not), floor as stated (0).
 */
final class StepDeductionFormula implements IndicatorFormula {

    @Override
    public FormulaKind kind() {
        return FormulaKind.STEP_DEDUCTION;
    }

    @Override
    public LeafScore score(RubricIndicator indicator, IndicatorInputs inputs, Rubric rubric) {
        FormulaSpec spec = indicator.formula();
        Fraction fraction = Ratios.of(spec.ratio(), inputs);
        String formula = "points = max − " + spec.deductionPerStep().toPlainString() + " × floor("
                + spec.ratio().name() + " ÷ " + spec.step().toPlainString() + "), floor "
                + spec.floor().toPlainString();
        if (fraction.rate().isEmpty()) {
            return NotApplicable.score(indicator, fraction, formula);
        }
        BigDecimal rate = fraction.rate().get();
        BigDecimal points = deduct(indicator.max(), rate, spec.step(), spec.deductionPerStep(), spec.floor());
        String rule = "每增加" + Scores.stepPercent(spec.step()) + "（含）扣减" + Scores.show(spec.deductionPerStep()) + "分";
        String explanation = indicator.name().zh() + "为" + Scores.percent(rate) + "，" + rule
                + (points.compareTo(indicator.max()) >= 0 ? "，未达" + Scores.stepPercent(spec.step()) + "，不扣分，得" : "，计算得")
                + Scores.show(points) + "分。"
                + (spec.assumption() != null && rate.signum() > 0 ? "（评价方案假设：" + spec.assumption() + "）" : "");
        fraction.inputs().put("steps", steps(rate, spec.step()).toPlainString());
        return LeafScore.of(indicator.max(), points, rate, formula, fraction.inputs(), explanation);
    }

    static BigDecimal steps(BigDecimal rate, BigDecimal step) {
        return rate.max(BigDecimal.ZERO).divideToIntegralValue(step);
    }

    static BigDecimal deduct(BigDecimal max, BigDecimal rate, BigDecimal step, BigDecimal perStep, BigDecimal floor) {
        BigDecimal deduction = steps(rate, step).multiply(perStep);
        return Scores.points(max.subtract(deduction).max(floor));
    }
}
