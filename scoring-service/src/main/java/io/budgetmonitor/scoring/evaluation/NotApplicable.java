package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.rubric.NotApplicableRule;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;
import java.util.List;

/** The score of an indicator whose ratio has a zero denominator, by the rubric's stated rule. */
final class NotApplicable {

    private NotApplicable() {}

    static LeafScore score(RubricIndicator indicator, Fraction fraction, String formula) {
        boolean full = indicator.formula().notApplicable() == NotApplicableRule.FULL;
        BigDecimal points = Scores.points(full ? indicator.max() : BigDecimal.ZERO);
        String explanation = indicator.name().zh() + "不适用：" + fraction.denominatorLabel() + "为0，无法计算比率，按评价方案"
                + (full ? "得满分" + Scores.show(points) + "分。" : "不得分。");
        return new LeafScore(
                indicator.max(), points, null, formula, fraction.inputs(), explanation, List.of(), true, null);
    }
}
