package io.budgetmonitor.query.exports;

import io.budgetmonitor.query.execution.ExecutionReport;
import io.budgetmonitor.query.execution.LineView;
import java.time.LocalDate;
import java.util.List;

/**
 * A department-year's execution (部门预算执行情况) as exported: one row per budget line and the totals
 * row, on an evaluation date, built from the same report and line views the execution endpoints answer.
 *
 * @param asOf         the evaluation date the figures and the time progress are taken on
 * @param timeProgress 序时进度 on {@code asOf}, as the execution endpoint writes it
 */
public record ExecutionExport(
        String department,
        String departmentName,
        int fiscalYear,
        LocalDate asOf,
        String timeProgress,
        List<ExportLine> lines,
        ExportLine totals) {

    public static ExecutionExport of(ExecutionReport report, List<LineView> views) {
        List<ExportLine> lines = views.stream()
                .map(v -> ExportLine.of(v, report.departmentName()))
                .toList();
        return new ExecutionExport(
                report.department(),
                report.departmentName(),
                report.fiscalYear(),
                report.asOf(),
                report.timeProgress(),
                lines,
                ExportLine.totals(report, lines));
    }

    /** The department's name, or its code where the year was opened without one. */
    public String displayName() {
        return departmentName == null || departmentName.isBlank() ? department : departmentName;
    }
}
