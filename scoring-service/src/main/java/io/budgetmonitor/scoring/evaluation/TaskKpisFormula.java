package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 履职效能任务 (B1–B6): the sum of the task's KPI points; the task's maximum is the sum of its KPIs'
 * declared points (the department weighs its own tasks), the rubric's max only when none were declared.
 */
final class TaskKpisFormula implements IndicatorFormula {

    @Override
    public FormulaKind kind() {
        return FormulaKind.TASK_KPIS;
    }

    @Override
    public LeafScore score(RubricIndicator indicator, IndicatorInputs inputs, Rubric rubric) {
        String task = indicator.formula().task();
        List<KpiScore> kpis = inputs.kpis().stream()
                .filter(k -> task.equals(k.task()))
                .map(KpiScoring::score)
                .toList();
        String formula =
                "points = Σ KPI points; KPI points = declared × min(actual ÷ target, 1) (inverse for lower-is-better, met/not for qualitative)";
        Map<String, String> used = new LinkedHashMap<>();
        used.put("kpisDeclared", Integer.toString(kpis.size()));
        if (kpis.isEmpty()) {
            BigDecimal zero = Scores.points(BigDecimal.ZERO);
            TaskScore score = new TaskScore(
                    indicator.code(), indicator.name().zh(), Scores.points(indicator.max()), zero, List.of());
            return new LeafScore(
                    indicator.max(),
                    zero,
                    null,
                    formula,
                    used,
                    "未申报该项工作任务的绩效指标，满分" + Scores.show(indicator.max()) + "分，得分0分。",
                    List.of(),
                    false,
                    score);
        }
        BigDecimal max = kpis.stream().map(KpiScore::max).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal points = kpis.stream().map(KpiScore::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<KpiScore> missed = kpis.stream().filter(k -> !k.met()).toList();
        used.put("kpisMet", Long.toString(kpis.size() - missed.size()));
        StringBuilder explanation = new StringBuilder("设置")
                .append(kpis.size())
                .append("个绩效指标，包括")
                .append(String.join("、", kpis.stream().map(KpiScore::name).toList()))
                .append("，满分")
                .append(Scores.show(max))
                .append("分，得分")
                .append(Scores.show(points))
                .append("分");
        if (missed.isEmpty()) {
            explanation.append("，已达标。");
        } else {
            explanation.append("。其中");
            for (KpiScore k : missed) {
                explanation
                        .append("“")
                        .append(k.name())
                        .append("”指标")
                        .append(
                                k.reported()
                                        ? "未达标（目标值" + nvl(k.target(), k.targetDescription()) + "，实际完成值"
                                                + nvl(k.actual(), "未达成") + "）"
                                        : "未报告完成情况")
                        .append("，得")
                        .append(Scores.show(k.points()))
                        .append("分；");
            }
            explanation.setLength(explanation.length() - 1);
            explanation.append("。");
        }
        TaskScore score =
                new TaskScore(indicator.code(), indicator.name().zh(), Scores.points(max), Scores.points(points), kpis);
        return new LeafScore(
                max, Scores.points(points), null, formula, used, explanation.toString(), List.of(), false, score);
    }

    private static String nvl(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
