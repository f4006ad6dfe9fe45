package io.budgetmonitor.scoring.monitoring;

import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.Deviation;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.Execution;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.KpiProgress;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.QuarterExecution;
import io.budgetmonitor.scoring.projection.ProjectedScore;
import io.budgetmonitor.scoring.report.Wanyuan;
import java.math.BigDecimal;
import java.util.List;

/**
 * The monitoring report in Chinese Markdown, in the subset the self-evaluation report's HTML and Word
 * writers read (headings, {@code 表} captions, pipe tables, "-" lists, "\" text lines). Amounts in 万元.
 */
final class MonitoringMarkdown {

    static final String[] QUARTERS = {"一季度", "二季度", "三季度", "四季度"};
    static final String[] SECTIONS = {"一、预算执行情况", "二、绩效目标完成情况", "三、偏差原因及纠偏措施", "四、预计得分及挽回失分建议"};

    private MonitoringMarkdown() {}

    static String title(MonitoringReport r) {
        return r.departmentName() + r.fiscalYear() + "年度绩效运行监控报告";
    }

    static String render(MonitoringReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title(r)).append("\n\n");
        md.append("\\监控日期：")
                .append(r.asOf())
                .append("　序时进度：")
                .append(percent(r.timeProgress()))
                .append("　金额单位：万元\n\n");

        md.append("## ").append(SECTIONS[0]).append("\n\n");
        Execution total = r.total();
        BigDecimal deviation = total.deviation(r.timeProgress());
        md.append("\\截至")
                .append(r.asOf())
                .append("，全年预算数")
                .append(Wanyuan.format(total.budget()))
                .append("万元，执行数")
                .append(Wanyuan.format(total.executed()))
                .append("万元，预算执行率")
                .append(percent(total.rate()))
                .append("，序时进度")
                .append(percent(r.timeProgress()));
        if (deviation != null) {
            md.append(
                    deviation.signum() < 0
                            ? "，低于序时进度" + deviation.negate().toPlainString() + "个百分点"
                            : "，高于或等于序时进度（" + signed(deviation) + "个百分点）");
        }
        md.append("。\n\n");
        md.append("表1　分资金来源预算执行情况\n\n");
        md.append("| 资金来源 | 全年预算数 | 执行数 | 执行率 | 序时进度 | 偏差（百分点） |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Execution e : r.byFundSource()) {
            executionRow(md, e, r.timeProgress());
        }
        executionRow(md, total, r.timeProgress());
        md.append("\n");

        md.append("表2　分季度预算执行情况（全部资金）\n\n");
        md.append("| 季度 | 截至 | 序时进度 | 本季度执行数 | 累计执行数 | 累计执行率 | 偏差（百分点） |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (QuarterExecution q : r.byQuarter()) {
            if (!q.begun()) {
                md.append("| ").append(QUARTERS[q.quarter() - 1]).append(" | — | — | — | — | — | — |\n");
                continue;
            }
            md.append("| ")
                    .append(QUARTERS[q.quarter() - 1])
                    .append(" | ")
                    .append(monthDay(q.until()))
                    .append(" | ")
                    .append(percent(q.timeProgress()))
                    .append(" | ")
                    .append(Wanyuan.format(q.executedInQuarter()))
                    .append(" | ")
                    .append(Wanyuan.format(q.cumulative()))
                    .append(" | ")
                    .append(percent(q.rate()))
                    .append(" | ")
                    .append(
                            q.rate() == null
                                    ? "—"
                                    : signed(MonitoringReport.points(q.rate().subtract(q.timeProgress()))))
                    .append(" |\n");
        }
        md.append("\n");

        md.append("表3　分资金来源、分季度累计执行率\n\n");
        md.append("| 资金来源 | ").append(String.join(" | ", QUARTERS)).append(" |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        for (Execution e : r.byFundSource()) {
            quarterRatesRow(md, e);
        }
        quarterRatesRow(md, total);
        md.append("\n");

        md.append("## ").append(SECTIONS[1]).append("\n\n");
        long reported = r.kpis().stream().filter(KpiProgress::reported).count();
        long expected = r.kpis().stream().filter(KpiProgress::expectedMet).count();
        md.append("\\共")
                .append(r.kpis().size())
                .append("项绩效指标，截至")
                .append(r.asOf())
                .append("已报送完成情况")
                .append(reported)
                .append("项；累计类指标按序时进度推算、其余按最近一次报送值预计，全年可完成")
                .append(expected)
                .append("项，存在偏差")
                .append(r.kpis().size() - expected)
                .append("项。\n\n");
        md.append("表4　绩效指标监控情况\n\n");
        md.append("| 绩效指标 | 年度目标 | 完成值 | 完成进度 | 预计全年 | 偏差 |\n");
        md.append("|---|---:|---:|---:|---|---:|\n");
        for (KpiProgress k : r.kpis()) {
            md.append("| ")
                    .append(cell(k.code() + " " + k.name()))
                    .append(" | ")
                    .append(cell(target(k)))
                    .append(" | ")
                    .append(cell(actual(k)))
                    .append(" | ")
                    .append(k.completion() == null ? "—" : percent(k.completion()))
                    .append(" | ")
                    .append(expected(k))
                    .append(" | ")
                    .append(kpiGap(k))
                    .append(" |\n");
        }
        md.append("\n");

        md.append("## ").append(SECTIONS[2]).append("\n\n");
        if (r.deviations().isEmpty()) {
            md.append("\\截至").append(r.asOf()).append("，预算执行和绩效目标均无偏差。\n\n");
        }
        int n = 0;
        for (Deviation d : r.deviations()) {
            md.append("### （")
                    .append(ordinal(++n))
                    .append("）")
                    .append(d.label())
                    .append("\n\n");
            md.append("\\偏差情况：").append(text(d.description())).append("。\n\n");
            if (d.explanation() == null) {
                md.append("\\偏差原因：（待填报）\n\n");
                md.append("\\纠偏措施：（待填报）\n\n");
            } else {
                md.append("\\偏差原因：").append(text(d.explanation().cause())).append("\n\n");
                md.append("\\纠偏措施：").append(text(d.explanation().measure())).append("\n\n");
                md.append("\\（")
                        .append(text(d.explanation().explainedBy()))
                        .append("填报，监控日期")
                        .append(d.explanation().on())
                        .append("）\n\n");
            }
        }

        md.append("## ").append(SECTIONS[3]).append("\n\n");
        ProjectedScore p = r.projected();
        md.append("\\按截至")
                .append(r.asOf())
                .append("的执行进度外推至年底（各预算项目按已过天数的日均执行额延续，绩效指标按最近一次报送值），预计全年得分")
                .append(number(p.projectedTotal()))
                .append("分，评价等级为“")
                .append(p.projectedGrade())
                .append("”，预计失分")
                .append(number(p.pointsAtRisk()))
                .append("分。\n\n");
        if (!p.indicators().isEmpty()) {
            md.append("表5　预计失分指标\n\n");
            md.append("| 指标 | 满分 | 预计得分 | 预计失分 |\n");
            md.append("|---|---:|---:|---:|\n");
            for (ProjectedScore.IndicatorRisk risk : p.indicators()) {
                md.append("| ")
                        .append(cell(risk.code() + " " + risk.name()))
                        .append(" | ")
                        .append(number(risk.max()))
                        .append(" | ")
                        .append(number(risk.projectedPoints()))
                        .append(" | ")
                        .append(number(risk.pointsAtRisk()))
                        .append(" |\n");
            }
            md.append("\n\\挽回失分建议：\n\n");
            for (ProjectedScore.IndicatorRisk risk : p.indicators()) {
                List<String> advice = risk.recovery();
                if (!advice.isEmpty()) {
                    md.append("- ")
                            .append(text(risk.code() + " " + risk.name()))
                            .append("：")
                            .append(text(String.join("；", advice)))
                            .append("。\n");
                }
            }
            md.append("\n");
        }
        return md.toString();
    }

    private static void executionRow(StringBuilder md, Execution e, BigDecimal timeProgress) {
        BigDecimal deviation = e.deviation(timeProgress);
        md.append("| ")
                .append(e.label())
                .append(" | ")
                .append(Wanyuan.format(e.budget()))
                .append(" | ")
                .append(Wanyuan.format(e.executed()))
                .append(" | ")
                .append(percent(e.rate()))
                .append(" | ")
                .append(percent(timeProgress))
                .append(" | ")
                .append(deviation == null ? "—" : signed(deviation))
                .append(" |\n");
    }

    private static void quarterRatesRow(StringBuilder md, Execution e) {
        md.append("| ").append(e.label());
        for (BigDecimal rate : e.quarterRates()) {
            md.append(" | ").append(percent(rate));
        }
        md.append(" |\n");
    }

    /** 93.66%; "—" for none. */
    static String percent(BigDecimal ratio) {
        return ratio == null ? "—" : MonitoringReport.points(ratio).toPlainString() + "%";
    }

    static String signed(BigDecimal points) {
        return (points.signum() > 0 ? "+" : "") + points.toPlainString();
    }

    static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static String target(KpiProgress k) {
        if (KpiDirection.QUALITATIVE.name().equals(k.direction())) {
            return k.target();
        }
        String bound = KpiDirection.LOWER_IS_BETTER.name().equals(k.direction()) ? "≤" : "≥";
        return bound + number(new BigDecimal(k.target())) + unit(k);
    }

    static String actual(KpiProgress k) {
        if (!k.reported()) {
            return "未报送";
        }
        if (KpiDirection.QUALITATIVE.name().equals(k.direction())) {
            return k.expectedMet() ? "达成" : "未达成";
        }
        return number(new BigDecimal(k.actual())) + unit(k);
    }

    /** 预计全年: 完成 or 未完成, with the projected completion of a cumulative KPI (完成（140.00%）). */
    static String expected(KpiProgress k) {
        String verdict = k.expectedMet() ? "完成" : "未完成";
        return k.projected() ? verdict + "（" + percent(k.expectedCompletion()) + "）" : verdict;
    }

    /** The deviation of a KPI from its expected year end, in percentage points of completion ("—" when none). */
    static String kpiGap(KpiProgress k) {
        if (k.expectedMet()) {
            return "—";
        }
        if (!k.reported()) {
            return "未报送";
        }
        if (k.completion() == null) {
            return "未达成";
        }
        return signed(MonitoringReport.points(k.expectedCompletion().subtract(BigDecimal.ONE)));
    }

    static String kpiDeviation(KpiProgress k) {
        if (!k.reported()) {
            return "未报送完成情况（年度目标" + target(k) + "）";
        }
        if (k.completion() == null) {
            return "未达到目标“" + k.target() + "”";
        }
        return "完成值" + actual(k) + "，年度目标" + target(k) + "，完成进度" + percent(k.completion())
                + (k.projected() ? "，按序时进度推算全年完成" + percent(k.expectedCompletion()) : "")
                + "，预计全年不能完成目标";
    }

    private static String unit(KpiProgress k) {
        return k.unit() == null || "定性".equals(k.unit()) ? "" : k.unit();
    }

    /** 6月30日: the year is the report's. */
    static String monthDay(java.time.LocalDate day) {
        return day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }

    private static String ordinal(int n) {
        String[] digits = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        if (n < 10) {
            return digits[n];
        }
        return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + digits[n % 10];
    }

    /** A table cell: no pipe, no line break. */
    private static String cell(String text) {
        return text(text).replace('|', '｜');
    }

    /** Free text on one line (the writers read line by line). */
    private static String text(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    }
}
