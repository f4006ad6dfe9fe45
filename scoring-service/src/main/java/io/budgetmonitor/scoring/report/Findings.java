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
 * (with the recorded reasons), KPIs not met, and KPIs whose target was far too easy (above 200% of
 * target, MONITORING.md KPI_TARGET_TOO_LOOSE: 指标值设置过于保守).
 */
final class Findings {

    static final BigDecimal TOO_LOOSE = new BigDecimal("2");

    private Findings() {
    }

    static List<String> of(EvaluationSnapshot snapshot) {
        List<String> findings = new ArrayList<>();
        for (IndicatorScore indicator : snapshot.indicators()) {
            boolean leaf = snapshot.indicators().stream().noneMatch(i -> indicator.code().equals(i.parent()));
            boolean task = snapshot.tasks().stream().anyMatch(t -> t.code().equals(indicator.code()));
            if (!leaf || task || indicator.points().compareTo(indicator.max()) >= 0) {
                continue;
            }
            String lost = Scores.show(indicator.max().subtract(indicator.points()));
            if (indicator.value() != null) {
                findings.add(indicator.name() + "为" + Scores.percent(new BigDecimal(indicator.value())) + "，失" + lost
                        + "分（" + indicator.code() + "）。");
            } else if (!indicator.deductions().isEmpty()) {
                findings.add(indicator.name() + "扣" + lost + "分（" + indicator.code() + "）："
                        + String.join("；", indicator.deductions().stream().map(d -> d.reason()).toList()) + "。");
            } else {
                findings.add(indicator.name() + "失" + lost + "分（" + indicator.code() + "）。");
            }
        }
        for (TaskScore task : snapshot.tasks()) {
            for (KpiScore kpi : task.kpis()) {
                if (!kpi.met()) {
                    findings.add("绩效指标“" + kpi.name() + "”（" + task.name() + "）未实现目标值："
                            + (kpi.reported() ? "目标值" + nvl(kpi.target(), kpi.targetDescription()) + "，实际完成值" + nvl(kpi.actual(), "未达成")
                            : "未报告完成情况") + "。");
                } else if (kpi.completion() != null && new BigDecimal(kpi.completion()).compareTo(TOO_LOOSE) > 0) {
                    findings.add("绩效指标“" + kpi.name() + "”目标值" + kpi.target() + "，实际完成值" + kpi.actual() + "，完成率"
                            + Scores.percent(new BigDecimal(kpi.completion())) + "，指标值设置过于保守，应结合实际科学设定目标值。");
                }
            }
        }
        return findings;
    }

    private static String nvl(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
