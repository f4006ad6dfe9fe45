package io.budgetmonitor.scoring.report;

import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.scoring.evaluation.DeductionView;
import io.budgetmonitor.scoring.evaluation.EvaluationSnapshot;
import io.budgetmonitor.scoring.evaluation.ExecutionSummary;
import io.budgetmonitor.scoring.evaluation.IndicatorScore;
import io.budgetmonitor.scoring.evaluation.PartScore;
import io.budgetmonitor.scoring.evaluation.Scores;
import java.util.List;

/**
 * 部门整体支出绩效自评报告 in Chinese Markdown, in the seed's four parts: 一、基本情况 (收支情况 with its
 * table in 万元), 二、综合评价分析 (（一）自评结论综述, （二）each dimension, group and indicator with
 * （满分X分，得分Y分）, its explanation and recorded reasons, （三）the indicator table), 三、存在的主要问题
 * and 四、下一步改进措施 (the narrative: drafted from the findings or as edited), and the basis of the
 * evaluation. HTML and the Word document are rendered from this text, so every format says the same.
 */
public final class ReportRenderer {

    private static final String[] CIRCLED = {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭", "⑮"};
    private static final String[] CHINESE = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    public static String title(EvaluationSnapshot s) {
        return who(s) + s.fiscalYear() + "年度部门整体支出绩效自评报告";
    }

    public String markdown(EvaluationSnapshot s, Narrative narrative) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title(s)).append("\n\n");
        basics(md, s);
        analysis(md, s);
        md.append("## 三、存在的主要问题\n\n");
        text(md, narrative.problems());
        md.append("## 四、下一步改进措施\n\n");
        text(md, narrative.measures());
        basis(md, s, narrative);
        return md.toString();
    }

    // ---- 一、基本情况

    private static void basics(StringBuilder md, EvaluationSnapshot s) {
        md.append("## 一、基本情况\n\n");
        md.append("### （一）部门整体收支情况\n\n");
        ExecutionSummary execution = execution(s);
        ExecutionSummary.Row total = execution.total();
        md.append(who(s))
                .append(s.fiscalYear())
                .append("年全年预算数")
                .append(Wanyuan.format(total.budget()))
                .append("万元，全年执行数")
                .append(Wanyuan.format(total.executed()))
                .append("万元，预算完成率为")
                .append(rate(total))
                .append("。");
        boolean first = true;
        for (ExecutionSummary.Row row : execution.byExpenditure()) {
            if (!row.name().startsWith("其中")) {
                md.append(first ? "其中" : "")
                        .append(row.name())
                        .append("预算数")
                        .append(Wanyuan.format(row.budget()))
                        .append("万元，执行数")
                        .append(Wanyuan.format(row.executed()))
                        .append("万元，执行率")
                        .append(rate(row))
                        .append("；");
                first = false;
            }
        }
        if (md.charAt(md.length() - 1) == '；') {
            md.setCharAt(md.length() - 1, '。');
        }
        md.append("\n\n表1 部门整体收支情况（单位：万元）\n\n");
        md.append("| 项目 | 全年预算数 | 全年执行数 | 执行率 |\n|---|---:|---:|---:|\n");
        row(md, total);
        if (!execution.byFundSource().isEmpty()) {
            md.append("| **按资金来源** | | | |\n");
            execution.byFundSource().forEach(row -> row(md, row));
        }
        if (!execution.byExpenditure().isEmpty()) {
            md.append("| **按支出类型** | | | |\n");
            execution.byExpenditure().forEach(row -> row(md, row));
        }
        md.append("\n");
    }

    /**
     * The snapshot's 收支情况; a snapshot taken before it was recorded still has 预算完成率's inputs (the
     * totals, at the snapshot's position), so the report states at least those.
     */
    private static ExecutionSummary execution(EvaluationSnapshot s) {
        if (s.execution() != null) {
            return s.execution();
        }
        IndicatorScore completion = s.indicators().stream()
                .filter(i -> i.inputs() != null && i.inputs().containsKey("adjustedBudget"))
                .findFirst()
                .orElse(null);
        Money budget =
                completion == null ? Money.ZERO : Money.of(completion.inputs().get("adjustedBudget"));
        Money executed =
                completion == null ? Money.ZERO : Money.of(completion.inputs().get("executed"));
        return new ExecutionSummary(new ExecutionSummary.Row("TOTAL", "合计", budget, executed), List.of(), List.of());
    }

    private static void row(StringBuilder md, ExecutionSummary.Row row) {
        // 其中 rows are indented under their total, as a finance table sets them
        md.append("| ")
                .append(row.name().startsWith("其中") ? "\u3000\u3000" : "")
                .append(row.name())
                .append(" | ")
                .append(Wanyuan.format(row.budget()))
                .append(" | ")
                .append(Wanyuan.format(row.executed()))
                .append(" | ")
                .append(rate(row))
                .append(" |\n");
    }

    private static String rate(ExecutionSummary.Row row) {
        return row.budget().isZero()
                ? "—"
                : Scores.percent(
                        Scores.rate(row.executed().amount(), row.budget().amount()));
    }

    // ---- 二、综合评价分析

    private static void analysis(StringBuilder md, EvaluationSnapshot s) {
        md.append("## 二、综合评价分析\n\n");
        md.append("### （一）自评结论综述\n\n");
        md.append("经过综合分析，从部门整体的");
        List<PartScore> parts = List.copyOf(s.parts().values());
        md.append(String.join("和", parts.stream().map(PartScore::name).toList()));
        md.append(parts.size() == 2 ? "两个维度" : CHINESE[Math.min(parts.size(), 10) - 1] + "个维度")
                .append("开展自评，整体支出绩效自评得分")
                .append(Scores.show(s.total()))
                .append("分，评价等级为“")
                .append(s.grade())
                .append("”。其中，");
        for (int i = 0; i < parts.size(); i++) {
            PartScore p = parts.get(i);
            md.append(p.name())
                    .append("指标分值")
                    .append(Scores.show(p.max()))
                    .append("分，得分")
                    .append(Scores.show(p.points()))
                    .append("分")
                    .append(i < parts.size() - 1 ? "；" : "。");
        }
        md.append("\n\n### （二）各项工作任务绩效目标完成情况分析\n\n");
        int partNo = 1;
        for (PartScore part : parts) {
            md.append("#### ").append(partNo++).append(".").append(part.name()).append("维度\n\n");
            md.append("该维度分值")
                    .append(Scores.show(part.max()))
                    .append("分，评价得分")
                    .append(Scores.show(part.points()))
                    .append("分。\n\n");
            List<IndicatorScore> top = s.indicators().stream()
                    .filter(i -> part.code().equals(i.parent()))
                    .toList();
            int groupNo = 1;
            for (IndicatorScore group : top) {
                List<IndicatorScore> children = s.indicators().stream()
                        .filter(i -> group.code().equals(i.parent()))
                        .toList();
                if (children.isEmpty()) {
                    md.append("（")
                            .append(groupNo++)
                            .append("）")
                            .append(group.name())
                            .append("（满分")
                            .append(Scores.show(group.max()))
                            .append("分，得分")
                            .append(Scores.show(group.points()))
                            .append("分）\n\n");
                    indicatorBody(md, group);
                    continue;
                }
                md.append("##### （")
                        .append(groupNo++)
                        .append("）")
                        .append(group.name())
                        .append("\n\n");
                md.append("该指标分值")
                        .append(Scores.show(group.max()))
                        .append("分，评价得分")
                        .append(Scores.show(group.points()))
                        .append("分。\n\n");
                int childNo = 0;
                for (IndicatorScore child : children) {
                    md.append(CIRCLED[Math.min(childNo++, CIRCLED.length - 1)])
                            .append(child.name())
                            .append("（满分")
                            .append(Scores.show(child.max()))
                            .append("分，得分")
                            .append(Scores.show(child.points()))
                            .append("分）\n\n");
                    indicatorBody(md, child);
                }
            }
        }
        indicatorTable(md, s, parts);
    }

    /** 表2: every part, group and indicator with its maximum and the points scored, then the total and grade. */
    private static void indicatorTable(StringBuilder md, EvaluationSnapshot s, List<PartScore> parts) {
        md.append("### （三）评价指标得分情况\n\n");
        md.append("表2 部门整体支出绩效评价指标得分情况（单位：分）\n\n");
        md.append("| 指标 | 满分 | 得分 |\n|---|---:|---:|\n");
        for (PartScore part : parts) {
            md.append("| **")
                    .append(part.code())
                    .append(" ")
                    .append(part.name())
                    .append("** | ")
                    .append(Scores.show(part.max()))
                    .append(" | ")
                    .append(Scores.show(part.points()))
                    .append(" |\n");
            tableRows(md, s, part.code(), 1);
        }
        md.append("| **合计** | ")
                .append(Scores.show(s.max()))
                .append(" | ")
                .append(Scores.show(s.total()))
                .append(" |\n");
        md.append("| **评价等级** | | ").append(s.grade()).append(" |\n\n");
    }

    private static void tableRows(StringBuilder md, EvaluationSnapshot s, String parent, int depth) {
        for (IndicatorScore indicator : s.indicators()) {
            if (parent.equals(indicator.parent())) {
                md.append("| ")
                        .append("\u3000".repeat(depth - 1))
                        .append(indicator.code())
                        .append(" ")
                        .append(indicator.name())
                        .append(" | ")
                        .append(Scores.show(indicator.max()))
                        .append(" | ")
                        .append(Scores.show(indicator.points()))
                        .append(" |\n");
                tableRows(md, s, indicator.code(), depth + 1);
            }
        }
    }

    private static void indicatorBody(StringBuilder md, IndicatorScore indicator) {
        md.append(indicator.explanation()).append("\n\n");
        List<DeductionView> deductions = indicator.deductions();
        if (!deductions.isEmpty()) {
            md.append("扣分原因：\n\n");
            for (DeductionView d : deductions) {
                md.append("- ")
                        .append(
                                d.deduction().signum() >= 0
                                        ? "扣" + Scores.show(d.deduction())
                                        : "加" + Scores.show(d.deduction().negate()))
                        .append("分：")
                        .append(d.reason());
                if (d.evaluator() != null) {
                    md.append("（评价人：").append(d.evaluator()).append("）");
                }
                md.append("\n");
            }
            md.append("\n");
        }
    }

    // ---- 三、四 and the basis

    /**
     * The narrative, one paragraph a line. A line that Markdown would read as structure (a heading, a
     * list item, a table row) is escaped with a backslash: what an evaluator typed stays text.
     */
    private static void text(StringBuilder md, String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String stripped = line.strip();
            boolean structure = stripped.startsWith("#")
                    || stripped.startsWith("|")
                    || stripped.startsWith("- ")
                    || stripped.startsWith("\\")
                    || stripped.matches("\\d+\\. .*");
            md.append(structure ? "\\" : "").append(stripped).append("\n\n");
        }
    }

    private static void basis(StringBuilder md, EvaluationSnapshot s, Narrative narrative) {
        md.append("### 附：评价依据\n\n");
        md.append("- 评价方案：")
                .append(s.rubricName())
                .append("（")
                .append(s.rubric().id())
                .append("，第")
                .append(s.rubric().version())
                .append("版）\n");
        md.append("- 数据截至事件日志位置：").append(s.position()).append("\n");
        md.append("- 评价快照：").append(s.id()).append("，生成于").append(s.createdAt()).append("\n");
        if (s.takenBy() != null) {
            md.append("- 评价人：").append(s.takenBy()).append("\n");
        }
        md.append("- 存在的主要问题及改进措施：")
                .append(
                        narrative.drafted()
                                ? "根据评价结果起草，未经修改"
                                : "第" + narrative.version() + "版，由" + narrative.editedBy() + "于" + narrative.editedAt()
                                        + "修改")
                .append("\n");
        for (String assumption : s.assumptions()) {
            md.append("- 评价方案假设：").append(assumption).append("\n");
        }
    }

    private static String who(EvaluationSnapshot s) {
        return s.departmentName() == null ? s.department() : s.departmentName();
    }
}
