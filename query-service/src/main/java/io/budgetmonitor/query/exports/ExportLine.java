package io.budgetmonitor.query.exports;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.query.execution.ExecutionReport;
import io.budgetmonitor.query.execution.LineView;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of an execution export: a budget line (预算项目), or the department's totals (合计). Every
 * figure is taken from the execution read model ({@link LineView}, {@link ExecutionReport}); nothing
 * here computes a rate or a balance of its own.
 *
 * @param line          the line code, null on the totals row
 * @param executionRate 执行率 as the API writes it ("0.9366"), null without a budget
 * @param quarters      net execution dated in each quarter (季度执行数), Q1..Q4
 */
public record ExportLine(
        String department,
        String departmentName,
        int fiscalYear,
        String line,
        String name,
        FundSource fundSource,
        ExpenditureType expenditureType,
        Boolean appropriation,
        Money allocated,
        Money adjustments,
        Money transfers,
        Money budget,
        Money executed,
        Money reclaimed,
        Money carriedOver,
        Money available,
        String executionRate,
        List<Money> quarters) {

    public static final String TOTALS_NAME = "合计";

    public boolean isTotals() {
        return line == null;
    }

    static ExportLine of(LineView view, String departmentName) {
        return new ExportLine(
                view.department(),
                departmentName,
                view.fiscalYear(),
                view.line(),
                view.name(),
                view.fundSource() == null ? null : FundSource.valueOf(view.fundSource()),
                view.expenditureType() == null ? null : ExpenditureType.valueOf(view.expenditureType()),
                view.appropriation(),
                view.allocated(),
                view.adjustments(),
                view.transfers(),
                view.budget(),
                view.executed(),
                view.reclaimed(),
                view.carriedOver(),
                view.available(),
                view.executionRate(),
                view.quarters().stream().map(LineView.LineQuarter::executed).toList());
    }

    /**
     * The totals row: budget, executed, available, reclaimed, carried over and the rate are the execution
     * endpoint's own figures (so the row equals it to the cent); the columns the endpoint does not carry
     * (年初预算, 调整, 调剂, per quarter) are the sums of the lines.
     */
    static ExportLine totals(ExecutionReport report, List<ExportLine> lines) {
        List<Money> quarters = new ArrayList<>(List.of(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO));
        Money allocated = Money.ZERO;
        Money adjustments = Money.ZERO;
        Money transfers = Money.ZERO;
        for (ExportLine line : lines) {
            allocated = allocated.plus(line.allocated());
            adjustments = adjustments.plus(line.adjustments());
            transfers = transfers.plus(line.transfers());
            for (int q = 0; q < 4; q++) {
                quarters.set(q, quarters.get(q).plus(line.quarters().get(q)));
            }
        }
        return new ExportLine(
                report.department(),
                report.departmentName(),
                report.fiscalYear(),
                null,
                TOTALS_NAME,
                null,
                null,
                null,
                allocated,
                adjustments,
                transfers,
                report.budget(),
                report.executed(),
                report.reclaimed(),
                report.carriedOver(),
                report.available(),
                report.executionRate(),
                List.copyOf(quarters));
    }
}
