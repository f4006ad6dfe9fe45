package io.budgetmonitor.scoring.report;

import io.budgetmonitor.scoring.evaluation.DeductionView;
import io.budgetmonitor.scoring.evaluation.EvaluationSnapshot;
import io.budgetmonitor.scoring.evaluation.IndicatorScore;
import io.budgetmonitor.scoring.evaluation.PartScore;
import io.budgetmonitor.scoring.evaluation.Scores;

import java.util.List;

/**
 * 综合评价分析: the snapshot as section 二 of the seed report, in Chinese Markdown:
 * （一）自评结论综述, （二）each dimension, group and indicator with （满分X分，得分Y分） and its
 * explanation and recorded reasons, （三）findings, and the basis of the evaluation.
 */
public final class ReportRenderer {

    private static final String[] CIRCLED = {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭", "⑮"};
    private static final String[] CHINESE = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    public String markdown(EvaluationSnapshot s) {
        StringBuilder md = new StringBuilder();
        String who = s.departmentName() == null ? s.department() : s.departmentName();
        md.append("# ").append(who).append(s.fiscalYear()).append("年度部门整体支出绩效自评\n\n");
        md.append("## 二、综合评价分析\n\n");
        md.append("### （一）自评结论综述\n\n");
        md.append("经过综合分析，从部门整体的");
        List<PartScore> parts = List.copyOf(s.parts().values());
        md.append(String.join("和", parts.stream().map(PartScore::name).toList()));
        md.append(parts.size() == 2 ? "两个维度" : CHINESE[Math.min(parts.size(), 10) - 1] + "个维度")
                .append("开展自评，整体支出绩效自评得分").append(Scores.show(s.total())).append("分，评价等级为“")
                .append(s.grade()).append("”。其中，");
        for (int i = 0; i < parts.size(); i++) {
            PartScore p = parts.get(i);
            md.append(p.name()).append("指标分值").append(Scores.show(p.max())).append("分，得分").append(Scores.show(p.points()))
                    .append("分").append(i < parts.size() - 1 ? "；" : "。");
        }
        md.append("\n\n### （二）各项工作任务绩效目标完成情况分析\n\n");
        int partNo = 1;
        for (PartScore part : parts) {
            md.append("#### ").append(partNo++).append(".").append(part.name()).append("维度\n\n");
            md.append("该维度分值").append(Scores.show(part.max())).append("分，评价得分").append(Scores.show(part.points())).append("分。\n\n");
            List<IndicatorScore> top = s.indicators().stream().filter(i -> part.code().equals(i.parent())).toList();
            int groupNo = 1;
            for (IndicatorScore group : top) {
                List<IndicatorScore> children = s.indicators().stream().filter(i -> group.code().equals(i.parent())).toList();
                if (children.isEmpty()) {
                    md.append("（").append(groupNo++).append("）").append(group.name()).append("（满分")
                            .append(Scores.show(group.max())).append("分，得分").append(Scores.show(group.points())).append("分）\n\n");
                    indicatorBody(md, group);
                    continue;
                }
                md.append("##### （").append(groupNo++).append("）").append(group.name()).append("\n\n");
                md.append("该指标分值").append(Scores.show(group.max())).append("分，评价得分").append(Scores.show(group.points())).append("分。\n\n");
                int childNo = 0;
                for (IndicatorScore child : children) {
                    md.append(CIRCLED[Math.min(childNo++, CIRCLED.length - 1)]).append(child.name()).append("（满分")
                            .append(Scores.show(child.max())).append("分，得分").append(Scores.show(child.points())).append("分）\n\n");
                    indicatorBody(md, child);
                }
            }
        }
        md.append("### （三）存在的问题\n\n");
        List<String> findings = Findings.of(s);
        if (findings.isEmpty()) {
            md.append("各项指标均得满分，未发现问题。\n\n");
        } else {
            for (int i = 0; i < findings.size(); i++) {
                md.append(i + 1).append(". ").append(findings.get(i)).append("\n");
            }
            md.append("\n");
        }
        md.append("### 附：评价依据\n\n");
        md.append("- 评价方案：").append(s.rubricName()).append("（").append(s.rubric().id()).append("，第")
                .append(s.rubric().version()).append("版）\n");
        md.append("- 数据截至事件日志位置：").append(s.position()).append("\n");
        md.append("- 评价快照：").append(s.id()).append("，生成于").append(s.createdAt()).append("\n");
        if (s.takenBy() != null) {
            md.append("- 评价人：").append(s.takenBy()).append("\n");
        }
        for (String assumption : s.assumptions()) {
            md.append("- 评价方案假设：").append(assumption).append("\n");
        }
        return md.toString();
    }

    private static void indicatorBody(StringBuilder md, IndicatorScore indicator) {
        md.append(indicator.explanation()).append("\n\n");
        List<DeductionView> deductions = indicator.deductions();
        if (!deductions.isEmpty()) {
            md.append("扣分原因：\n\n");
            for (DeductionView d : deductions) {
                md.append("- ").append(d.deduction().signum() >= 0 ? "扣" + Scores.show(d.deduction()) : "加" + Scores.show(d.deduction().negate()))
                        .append("分：").append(d.reason());
                if (d.evaluator() != null) {
                    md.append("（评价人：").append(d.evaluator()).append("）");
                }
                md.append("\n");
            }
            md.append("\n");
        }
    }
}
