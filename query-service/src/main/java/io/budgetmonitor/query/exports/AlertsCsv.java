package io.budgetmonitor.query.exports;

import io.budgetmonitor.query.alerts.Alert;
import java.util.ArrayList;
import java.util.List;

/**
 * A department-year's alerts (预警清单) as CSV for Excel: every alert of the year whatever its status,
 * by id, with the rule, severity and status as code and in Chinese, the times (UTC, ISO-8601 as in the
 * API), who acknowledged it and the explanation. UTF-8 with a byte-order mark, Chinese header on the
 * first row, English on the second, as the execution CSV.
 */
final class AlertsCsv {
    private static final List<String> CHINESE = List.of(
            "预警编号",
            "部门编码",
            "年度",
            "规则",
            "规则名称",
            "严重程度代码",
            "严重程度",
            "预警对象",
            "状态代码",
            "状态",
            "产生时间(UTC)",
            "更新时间(UTC)",
            "解除时间(UTC)",
            "确认人",
            "确认时间(UTC)",
            "确认意见",
            "预警说明",
            "依据");
    private static final List<String> ENGLISH = List.of(
            "Alert id",
            "Department code",
            "Fiscal year",
            "Rule",
            "Rule (zh)",
            "Severity",
            "Severity (zh)",
            "Subject",
            "Status",
            "Status (zh)",
            "Raised at",
            "Updated at",
            "Resolved at",
            "Acknowledged by",
            "Acknowledged at",
            "Acknowledgement comment",
            "Explanation",
            "Evidence");

    private AlertsCsv() {}

    static byte[] write(List<Alert> alerts) {
        Csv csv = new Csv().row(CHINESE).row(ENGLISH);
        for (Alert a : alerts) {
            List<Object> row = new ArrayList<>();
            row.add(Long.valueOf(a.id()));
            row.add(a.department());
            row.add(a.fiscalYear());
            row.add(a.rule().name());
            row.add(ChineseLabels.of(a.rule()));
            row.add(a.severity().name());
            row.add(ChineseLabels.of(a.severity()));
            row.add(a.subject());
            row.add(a.status().name());
            row.add(ChineseLabels.of(a.status()));
            row.add(text(a.openedAt()));
            row.add(text(a.updatedAt()));
            row.add(text(a.resolvedAt()));
            row.add(a.acknowledgedBy());
            row.add(text(a.acknowledgedAt()));
            row.add(a.acknowledgementComment());
            row.add(a.message());
            row.add(String.join("; ", a.evidence()));
            csv.row(row);
        }
        return csv.bytes(true);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
