package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.inputs.BonusPenalty;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.FormulaSpec;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 工作表现加减分 (B7): the sum of recorded commendations and criticisms, clamped to the rubric's range. */
final class BonusPenaltyFormula implements IndicatorFormula {

    @Override
    public FormulaKind kind() {
        return FormulaKind.BONUS_PENALTY;
    }

    @Override
    public LeafScore score(RubricIndicator indicator, IndicatorInputs inputs, Rubric rubric) {
        FormulaSpec spec = indicator.formula();
        List<BonusPenalty> recorded = inputs.bonusPenalties();
        BigDecimal sum = recorded.stream().map(BonusPenalty::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal points = Scores.points(clamp(sum, spec.min(), spec.max()));
        Map<String, String> used = new LinkedHashMap<>();
        used.put("recorded", Integer.toString(recorded.size()));
        used.put("sum", sum.toPlainString());
        String formula = "points = clamp(Σ bonus − Σ penalty, " + spec.min().toPlainString() + ", "
                + spec.max().toPlainString() + ")";
        String explanation;
        if (recorded.isEmpty()) {
            explanation = "因本部门预算管理工作未有受表彰或批评的相关情况，故“" + indicator.name().zh() + "”此项指标无加分项，无减分项，不得分。";
        } else {
            StringBuilder text = new StringBuilder();
            for (BonusPenalty b : recorded) {
                text.append(b.reason())
                        .append(b.points().signum() >= 0 ? "，加" : "，减")
                        .append(Scores.show(b.points().abs()))
                        .append("分；");
            }
            text.setLength(text.length() - 1);
            text.append("。合计").append(Scores.show(sum)).append("分");
            if (sum.compareTo(points) != 0) {
                text.append("，按评价方案限定在")
                        .append(Scores.show(spec.min()))
                        .append("至")
                        .append(Scores.show(spec.max()))
                        .append("分之间");
            }
            explanation =
                    text.append("，得").append(Scores.show(points)).append("分。").toString();
        }
        List<DeductionView> views = recorded.stream()
                .map(b -> new DeductionView(b.points().negate(), b.reason(), null, b.occurredOn()))
                .toList();
        return new LeafScore(indicator.max(), points, null, formula, used, explanation, views, false, null);
    }

    static BigDecimal clamp(BigDecimal value, BigDecimal min, BigDecimal max) {
        return value.max(min).min(max);
    }
}
