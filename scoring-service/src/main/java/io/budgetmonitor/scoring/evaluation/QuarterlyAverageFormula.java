package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 一般公共预算支出年度平均执行率 (A1.5): for each quarter, the cumulative net general-public-budget
 * disbursements dated up to the quarter's last day ÷ the year-end adjusted budget of those lines,
 * divided by that quarter's time-progress target and capped at 1; the rate is the mean of the four.
 * Quarter rates are kept at full precision; only the mean is rounded (a stated assumption).
 */
final class QuarterlyAverageFormula implements IndicatorFormula {

    private static final String[] QUARTER_NAMES = {"一", "二", "三", "四"};

    @Override
    public FormulaKind kind() {
        return FormulaKind.QUARTERLY_AVERAGE;
    }

    /** The year's targets if it stated them, else the rubric's. */
    static List<BigDecimal> targets(IndicatorInputs inputs, Rubric rubric) {
        return inputs.quarterTargets().size() == 4 ? inputs.quarterTargets() : rubric.timeProgress();
    }

    @Override
    public LeafScore score(RubricIndicator indicator, IndicatorInputs inputs, Rubric rubric) {
        Money budget = inputs.budget(IndicatorInputs.generalPublicBudget());
        List<BigDecimal> targets = targets(inputs, rubric);
        Map<String, String> used = new LinkedHashMap<>();
        used.put("generalPublicBudget", budget.toString());
        String formula =
                "rate = mean over q of min(cumulative GPB net disbursements to quarter end ÷ year-end GPB budget ÷ target_q, 1); points = max × rate";
        for (int q = 1; q <= 4; q++) {
            used.put("q" + q + "Cumulative", inputs.generalCumulative(q).toString());
            used.put("q" + q + "Target", targets.get(q - 1).toPlainString());
        }
        if (!budget.isPositive()) {
            return NotApplicable.score(
                    indicator, new Fraction(BigDecimal.ZERO, BigDecimal.ZERO, used, "一般公共预算调整预算数"), formula);
        }
        BigDecimal sum = BigDecimal.ZERO;
        List<String> below = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            BigDecimal quarterRate = quarterRate(inputs.generalCumulative(q), budget, targets.get(q - 1));
            used.put(
                    "q" + q + "Rate",
                    quarterRate
                            .setScale(Scores.RATE_SCALE, RoundingMode.HALF_UP)
                            .toPlainString());
            if (quarterRate.compareTo(BigDecimal.ONE) < 0) {
                below.add(QUARTER_NAMES[q - 1]);
            }
            sum = sum.add(quarterRate);
        }
        BigDecimal rate = sum.divide(BigDecimal.valueOf(4), Scores.RATE_SCALE, RoundingMode.HALF_UP);
        BigDecimal points = Scores.capped(indicator.max(), rate);
        String explanation = indicator.name().zh() + "为" + Scores.percent(rate) + "，计算得" + Scores.show(points) + "分"
                + (below.isEmpty() ? "，各季度支出进度均达到序时进度。" : "，未达标原因是第" + String.join("、", below) + "季度支出率未达序时进度。");
        return LeafScore.of(indicator.max(), points, rate, formula, used, explanation);
    }

    /** min(cumulative ÷ budget ÷ target, 1) at working precision. */
    static BigDecimal quarterRate(Money cumulative, Money budget, BigDecimal target) {
        BigDecimal expected = budget.amount().multiply(target);
        if (expected.signum() <= 0) {
            return BigDecimal.ONE;
        }
        return cumulative
                .amount()
                .divide(expected, Scores.WORKING_SCALE, RoundingMode.HALF_UP)
                .min(BigDecimal.ONE);
    }
}
