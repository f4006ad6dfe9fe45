package io.budgetmonitor.scoring.report;

import io.budgetmonitor.scoring.evaluation.EvaluationSnapshot;
import io.budgetmonitor.scoring.evaluation.IndicatorScore;
import io.budgetmonitor.scoring.evaluation.KpiScore;
import io.budgetmonitor.scoring.evaluation.Scores;
import io.budgetmonitor.scoring.evaluation.TaskScore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * 存在的问题: what an evaluator would point out, derived from a snapshot: indicators that lost points
 * (with how many and the recorded reasons), KPIs not met, and KPIs whose target was far too easy (above
 * 200% of target, MONITORING.md KPI_TARGET_TOO_LOOSE: 指标值设置过于保守). The kind tells the drafting
 * of 四、下一步改进措施 which measure answers it.
 */
final class Findings {

    static final BigDecimal TOO_LOOSE = new BigDecimal("2");

    /** What kind of problem a finding is. */
    enum Kind {
        /** a rate below what full points need (预算完成率, 差异率 …) */
        RATE,
        /** a qualitative indicator with recorded deductions */
        DEDUCTION,
        /** points lost for another reason */
        LOST,
        /** a KPI that missed its target */
        KPI_NOT_MET,
        /** a KPI met many times over: its target was too easy */
        KPI_TOO_LOOSE
    }

    /** One finding: the indicator or KPI it is about and the sentence that states it. */
    record Finding(Kind kind, String code, String name, String text) {}

    private Findings() {}

    static List<Finding> of(EvaluationSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (IndicatorScore indicator : snapshot.indicators()) {
            boolean leaf = snapshot.indicators().stream()
                    .noneMatch(i -> indicator.code().equals(i.parent()));
            boolean task = snapshot.tasks().stream().anyMatch(t -> t.code().equals(indicator.code()));
            if (!leaf || task || indicator.points().compareTo(indicator.max()) >= 0) {
                continue;
            }
            String lost = Scores.show(indicator.max().subtract(indicator.points()));
            String scored = "（满分" + Scores.show(indicator.max()) + "分，得分" + Scores.show(indicator.points()) + "分，失"
                    + lost + "分）";
            if (indicator.value() != null) {
                findings.add(new Finding(
                        Kind.RATE,
                        indicator.code(),
                        indicator.name(),
                        indicator.name() + "为" + Scores.percent(new BigDecimal(indicator.value())) + "，未得满分" + scored
                                + "。"));
            } else if (!indicator.deductions().isEmpty()) {
                findings.add(new Finding(
                        Kind.DEDUCTION,
                        indicator.code(),
                        indicator.name(),
                        indicator.name() + "扣" + lost + "分"
                                + scored + "："
                                + String.join(
                                        "；",
                                        indicator.deductions().stream()
                                                .map(d -> strip(d.reason()))
                                                .toList()) + "。"));
            } else {
                findings.add(new Finding(
                        Kind.LOST,
                        indicator.code(),
                        indicator.name(),
                        indicator.name() + "失" + lost + "分" + scored + "。"));
            }
        }
        for (TaskScore task : snapshot.tasks()) {
            for (KpiScore kpi : task.kpis()) {
                if (!kpi.met()) {
                    String lost = kpi.max().subtract(kpi.points()).signum() > 0
                            ? "，失" + Scores.show(kpi.max().subtract(kpi.points())) + "分"
                            : "";
                    findings.add(new Finding(
                            Kind.KPI_NOT_MET,
                            kpi.kpi(),
                            kpi.name(),
                            "绩效指标“" + kpi.name() + "”（" + task.name()
                                    + "）未实现目标值："
                                    + (kpi.reported()
                                            ? "目标值" + nvl(kpi.target(), kpi.targetDescription()) + "，实际完成值"
                                                    + nvl(kpi.actual(), "未达成")
                                            : "未报告完成情况")
                                    + lost + "。"));
                } else if (kpi.completion() != null && new BigDecimal(kpi.completion()).compareTo(TOO_LOOSE) > 0) {
                    findings.add(new Finding(
                            Kind.KPI_TOO_LOOSE,
                            kpi.kpi(),
                            kpi.name(),
                            "绩效指标“" + kpi.name() + "”目标值" + kpi.target()
                                    + "，实际完成值" + kpi.actual() + "，完成率"
                                    + Scores.percent(new BigDecimal(kpi.completion()))
                                    + "，指标值设置过于保守，应结合实际科学设定目标值。"));
                }
            }
        }
        return findings;
    }

    /** A recorded reason without its own closing full stop (the sentence adds one). */
    private static String strip(String reason) {
        if (reason == null) {
            return "";
        }
        String trimmed = reason.strip();
        return trimmed.endsWith("。") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static String nvl(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
