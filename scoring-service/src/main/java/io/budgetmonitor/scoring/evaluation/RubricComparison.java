package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.FormulaSpec;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import io.budgetmonitor.scoring.rubric.RubricRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * 评价方案对比: one department-year's inputs scored under two rubrics, indicator by indicator. Rubrics
 * of other localities use other codes (A1.1 here, P1.1 there), so indicators are paired by what they
 * measure, not by code: the same ratio (预算完成率 is BUDGET_COMPLETION in both), the same computed kind
 * (支出进度 / 一般公共预算支出年度平均执行率 are both QUARTERLY_AVERAGE), the same task code, or for a
 * qualitative indicator the same Chinese name (绩效目标合理性). An indicator without a counterpart is
 * listed as scored under one rubric only. Groups are not paired; the dimensions' totals are given per side.
 *
 * @param difference total of {@code other} − total of {@code rubric}
 */
public record RubricComparison(
        String department,
        int fiscalYear,
        long position,
        Side rubric,
        Side other,
        BigDecimal difference,
        List<Row> indicators) {

    /** One rubric's result. */
    public record Side(
            RubricRef rubric, String name, BigDecimal total, BigDecimal max, String grade, List<PartScore> parts) {}

    /** One leaf indicator as one rubric scored it. */
    public record Leaf(String code, String name, BigDecimal max, BigDecimal points, String value, String formula) {}

    /**
     * A pair of indicators measuring the same thing (or one without a counterpart).
     *
     * @param measure          what pairs them, e.g. {@code ratio:BUDGET_COMPLETION} or {@code qualitative:绩效目标合理性}
     * @param pointsDifference points under {@code other} − under {@code rubric}; null when one is missing
     * @param why              why the points differ, in words
     */
    public record Row(String measure, Leaf rubric, Leaf other, BigDecimal pointsDifference, List<String> why) {}

    public static RubricComparison between(
            IndicatorEvaluation first, IndicatorEvaluation second, String department, int fiscalYear, long position) {
        List<RubricIndicator> otherLeaves = leaves(second.rubric());
        List<Row> rows = new ArrayList<>();
        for (RubricIndicator leaf : leaves(first.rubric())) {
            String measure = measure(leaf);
            RubricIndicator match = otherLeaves.stream()
                    .filter(o -> measure.equals(measure(o)))
                    .findFirst()
                    .orElse(null);
            if (match != null) {
                otherLeaves.remove(match);
            }
            rows.add(row(measure, leaf, first.result(), match, second.result()));
        }
        for (RubricIndicator leaf : otherLeaves) {
            rows.add(row(measure(leaf), null, first.result(), leaf, second.result()));
        }
        return new RubricComparison(
                department,
                fiscalYear,
                position,
                side(first),
                side(second),
                second.result().total().subtract(first.result().total()),
                rows);
    }

    /** A rubric with what the engine made of it. */
    public record IndicatorEvaluation(Rubric rubric, EvaluationResult result) {}

    private static Side side(IndicatorEvaluation e) {
        return new Side(
                e.result().rubric(),
                e.rubric().name().zh(),
                e.result().total(),
                e.result().max(),
                e.result().grade(),
                List.copyOf(e.result().parts().values()));
    }

    private static Row row(
            String measure, RubricIndicator a, EvaluationResult resultA, RubricIndicator b, EvaluationResult resultB) {
        Leaf left = a == null ? null : leaf(a, resultA);
        Leaf right = b == null ? null : leaf(b, resultB);
        List<String> why = new ArrayList<>();
        BigDecimal difference = null;
        if (left == null || right == null) {
            why.add("scored under "
                    + (left == null ? resultB.rubric().id() : resultA.rubric().id()) + " only");
        } else {
            difference = right.points().subtract(left.points());
            if (left.max().compareTo(right.max()) != 0) {
                why.add("weight " + left.max().toPlainString() + " → "
                        + right.max().toPlainString());
            }
            if (!Objects.equals(left.value(), right.value())) {
                why.add("value " + left.value() + " → " + right.value());
            }
            if (!Objects.equals(describe(a.formula()), describe(b.formula()))) {
                why.add("rule " + describe(a.formula()) + " → " + describe(b.formula()));
            }
        }
        return new Row(measure, left, right, difference, why);
    }

    private static Leaf leaf(RubricIndicator indicator, EvaluationResult result) {
        IndicatorScore score = result.indicator(indicator.code()).orElseThrow();
        return new Leaf(score.code(), score.name(), score.max(), score.points(), score.value(), score.formula());
    }

    /** What an indicator measures, independent of its code. */
    static String measure(RubricIndicator leaf) {
        FormulaSpec f = leaf.formula();
        return switch (f.kind()) {
            case RATE_TIMES_MAX, STEP_DEDUCTION, CONTROL_RATE -> "ratio:" + f.ratio();
            case QUALITATIVE -> "qualitative:" + leaf.name().zh();
            case TASK_KPIS -> "task:" + f.task();
            default -> "kind:" + f.kind();
        };
    }

    /** The rule's parameters that change points for the same value (steps, over-limit mode). */
    private static String describe(FormulaSpec f) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("kind", f.kind().name());
        if (f.step() != null) {
            parts.put("step", f.step().toPlainString());
            parts.put("deductionPerStep", f.deductionPerStep().toPlainString());
        }
        if (f.overLimit() != null) {
            parts.put("overLimit", f.overLimit().mode().name());
        }
        return parts.toString();
    }

    private static List<RubricIndicator> leaves(Rubric rubric) {
        return new ArrayList<>(rubric.allIndicators().stream()
                .filter(i -> !i.isGroup() && i.formula().kind() != FormulaKind.SUM)
                .toList());
    }
}
