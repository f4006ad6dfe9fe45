package io.budgetmonitor.query.exports;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.query.alerts.AlertStatus;
import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;

/**
 * The Chinese names a finance bureau reads in its spreadsheets (资金来源, 支出类型, 预警规则…). The API
 * speaks in codes; exports for people carry both, so a sheet can be filtered by either.
 */
final class ChineseLabels {
    private ChineseLabels() {}

    static String of(FundSource source) {
        return source == null ? null : source.chineseName();
    }

    static String of(ExpenditureType type) {
        return type == null ? null : type.chineseName();
    }

    static String of(Rule rule) {
        return switch (rule) {
            case EXECUTION_BEHIND_SCHEDULE -> "执行进度滞后";
            case QUARTER_TARGET_MISSED -> "季度目标未完成";
            case OVERSPEND_ATTEMPT -> "超额度支付被拒";
            case LINE_NEARLY_EXHAUSTED -> "项目额度即将用尽";
            case CONTROL_RATE_EXCEEDED -> "控制率超标";
            case KPI_AT_RISK -> "绩效指标实现风险";
            case KPI_NOT_REPORTED -> "绩效监控未报送";
            case KPI_TARGET_TOO_LOOSE -> "绩效目标设置偏低";
            case RECLAIM_RISK -> "年末财政收回风险";
            case RECONCILIATION_MISMATCH -> "季报执行数与账不符";
            case LATE_POSTING -> "已结账季度补记支出";
            case PROJECTED_SCORE_DROP -> "预计得分下降";
        };
    }

    static String of(Severity severity) {
        return switch (severity) {
            case INFO -> "提示";
            case WARNING -> "警告";
            case CRITICAL -> "严重";
        };
    }

    static String of(AlertStatus status) {
        return switch (status) {
            case OPEN -> "未处理";
            case ESCALATED -> "已升级";
            case ACKNOWLEDGED -> "已确认";
            case RESOLVED -> "已解除";
        };
    }
}
