package io.budgetmonitor.scoring.alerts;

import io.budgetmonitor.api.values.FundSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * 年内预警: one alert of a department-year as scoring-service learnt it from {@code budget.alerts.v1}.
 *
 * @param rule          the monitoring rule's name (opaque if this reader does not know it)
 * @param severity      its severity after the last transition
 * @param worstSeverity the highest it reached (an alert escalated and then eased counts as its worst)
 * @param closedAt      when it was resolved or closed with its year; null while open
 * @param closedBy      RESOLVED (解除) or CLOSED_WITH_YEAR (随年度结账关闭); null while open
 * @param reopened      how often it came back after being resolved (再次触发)
 */
public record YearAlert(
        long alertId,
        String department,
        int fiscalYear,
        String rule,
        String subject,
        String severity,
        String worstSeverity,
        String message,
        Instant openedAt,
        Instant closedAt,
        String closedBy,
        int reopened) {

    /** Severities in rising order, as query-service's monitor ranks them; an unknown one ranks lowest. */
    public static final List<String> SEVERITIES = List.of("INFO", "WARNING", "CRITICAL");

    private static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("EXECUTION_BEHIND_SCHEDULE", "执行进度滞后"),
            Map.entry("QUARTER_TARGET_MISSED", "季度目标未完成"),
            Map.entry("OVERSPEND_ATTEMPT", "超额度支付被拒"),
            Map.entry("LINE_NEARLY_EXHAUSTED", "项目额度即将用尽"),
            Map.entry("CONTROL_RATE_EXCEEDED", "经费控制率超标"),
            Map.entry("KPI_AT_RISK", "绩效指标实现风险"),
            Map.entry("KPI_NOT_REPORTED", "绩效监控未报送"),
            Map.entry("KPI_TARGET_TOO_LOOSE", "绩效目标设置偏低"),
            Map.entry("RECLAIM_RISK", "年末财政收回风险"),
            Map.entry("RECONCILIATION_MISMATCH", "季报执行数与账不符"),
            Map.entry("LATE_POSTING", "已结账季度补记支出"),
            Map.entry("PROJECTED_SCORE_DROP", "预计得分下降"));

    private static final Map<String, String> SEVERITY_NAMES = Map.of("INFO", "提示", "WARNING", "警告", "CRITICAL", "严重");

    /** The rule in Chinese (MONITORING.md's names), or its code if this reader does not know it. */
    public String ruleName() {
        return ruleName(rule);
    }

    public static String ruleName(String rule) {
        return RULES.getOrDefault(rule, rule);
    }

    public static String severityName(String severity) {
        return SEVERITY_NAMES.getOrDefault(severity, severity);
    }

    /** What the alert is about, in words: 部门整体, a fund source, 项目 L1, 第2季度, 绩效指标 K1. */
    public String subjectName() {
        if (subject == null || subject.equals("department")) {
            return "部门整体";
        }
        int colon = subject.indexOf(':');
        String kind = colon < 0 ? subject : subject.substring(0, colon);
        String code = colon < 0 ? "" : subject.substring(colon + 1);
        return switch (kind) {
            case "fund-source" -> fundSource(code);
            case "line" -> "项目" + code;
            case "quarter" -> "第" + code.replace("Q", "") + "季度";
            case "kpi" -> "绩效指标" + code;
            default -> subject;
        };
    }

    /** Still open when the year closed (or still open now). */
    public boolean openAtYearEnd() {
        return closedAt == null || "CLOSED_WITH_YEAR".equals(closedBy);
    }

    public static int rank(String severity) {
        return SEVERITIES.indexOf(severity);
    }

    private static String fundSource(String code) {
        try {
            return FundSource.valueOf(code).chineseName();
        } catch (IllegalArgumentException unknown) {
            return code;
        }
    }
}
