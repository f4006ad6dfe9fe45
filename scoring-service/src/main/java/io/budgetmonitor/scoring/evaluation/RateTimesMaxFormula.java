package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.Ratio;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;

/** points = max × min(rate, 1): 预算完成率 and, with its own ratio, 固定资产利用率. */
class RateTimesMaxFormula implements IndicatorFormula {

    @Override
    public FormulaKind kind() {
        return FormulaKind.RATE_TIMES_MAX;
    }

    protected Ratio ratio(RubricIndicator indicator) {
        return indicator.formula().ratio();
    }

    @Override
    public LeafScore score(RubricIndicator indicator, IndicatorInputs inputs, Rubric rubric) {
        Ratio ratio = ratio(indicator);
        Fraction fraction = Ratios.of(ratio, inputs);
        String formula = "points = max × min(" + ratio.name() + ", 1); rate rounded to 4 decimals, points to 2";
        if (fraction.rate().isEmpty()) {
            return NotApplicable.score(indicator, fraction, formula);
        }
        BigDecimal rate = fraction.rate().get();
        BigDecimal points = Scores.capped(indicator.max(), rate);
        String explanation = indicator.name().zh() + "为" + Scores.percent(rate)
                + (rate.compareTo(BigDecimal.ONE) >= 0 ? "，达到100%，得" : "，未达100%，计算得") + Scores.show(points) + "分。";
        return LeafScore.of(indicator.max(), points, rate, formula, fraction.inputs(), explanation);
    }
}
