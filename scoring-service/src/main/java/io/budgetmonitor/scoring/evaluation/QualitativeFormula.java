package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.QualitativeDeduction;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 定性指标: max minus the deductions evaluators recorded (each with its reason), floor 0. */
final class QualitativeFormula implements IndicatorFormula {

    @Override
    public FormulaKind kind() {
        return FormulaKind.QUALITATIVE;
    }

    @Override
    public LeafScore score(RubricIndicator indicator, IndicatorInputs inputs, Rubric rubric) {
        List<QualitativeDeduction> recorded = inputs.deductionsFor(indicator.code());
        BigDecimal deducted =
                recorded.stream().map(QualitativeDeduction::deduction).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal points = Scores.points(
                indicator.max().subtract(deducted).max(indicator.formula().floor()));
        Map<String, String> used = new LinkedHashMap<>();
        used.put("deductionsRecorded", Integer.toString(recorded.size()));
        used.put("deducted", deducted.toPlainString());
        String explanation;
        if (recorded.isEmpty()) {
            explanation = "评价未记录扣分事项，此项不扣分，得" + Scores.show(points) + "分。";
        } else {
            StringBuilder text = new StringBuilder();
            for (QualitativeDeduction d : recorded) {
                text.append(stripEnd(d.reason()))
                        .append("，此项扣")
                        .append(Scores.show(d.deduction()))
                        .append("分；");
            }
            text.setLength(text.length() - 1);
            explanation = text + "。共扣" + Scores.show(deducted) + "分，得" + Scores.show(points) + "分。";
        }
        List<DeductionView> views = recorded.stream()
                .map(d -> new DeductionView(d.deduction(), d.reason(), d.evaluator(), d.occurredOn()))
                .toList();
        return new LeafScore(
                indicator.max(),
                points,
                null,
                "points = max − recorded deductions, floor "
                        + indicator.formula().floor().toPlainString(),
                used,
                explanation,
                views,
                false,
                null);
    }

    private static String stripEnd(String reason) {
        String r = reason == null ? "" : reason.strip();
        while (!r.isEmpty() && "。；;.，,".indexOf(r.charAt(r.length() - 1)) >= 0) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
