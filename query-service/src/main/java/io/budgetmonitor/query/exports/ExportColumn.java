package io.budgetmonitor.query.exports;

import io.budgetmonitor.api.values.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One column of the execution export, shared by the CSV and the XLSX so both always have the same
 * columns in the same order: its Chinese header (表头), its English header, what kind of value it holds
 * and how to read it from a row.
 */
public record ExportColumn(String chinese, String english, Kind kind, Function<ExportLine, Object> value) {

    /** TEXT values are strings; the others are numbers (a BigDecimal, or an Integer for the year). */
    public enum Kind {
        TEXT,
        YEAR,
        YUAN,
        WAN_YUAN,
        RATE
    }

    /** The export's columns: each amount twice, in yuan (元) and in 万元, then the rate and the quarters. */
    public static final List<ExportColumn> ALL = columns();

    public Object of(ExportLine line) {
        return value.apply(line);
    }

    private static List<ExportColumn> columns() {
        List<ExportColumn> columns = new ArrayList<>(List.of(
                new ExportColumn("部门编码", "Department code", Kind.TEXT, ExportLine::department),
                new ExportColumn("部门名称", "Department", Kind.TEXT, ExportLine::departmentName),
                new ExportColumn("年度", "Fiscal year", Kind.YEAR, ExportLine::fiscalYear),
                new ExportColumn("项目编码", "Line code", Kind.TEXT, ExportLine::line),
                new ExportColumn("项目名称", "Budget line", Kind.TEXT, ExportLine::name),
                new ExportColumn("资金来源", "Fund source", Kind.TEXT, l -> ChineseLabels.of(l.fundSource())),
                new ExportColumn("支出类型", "Expenditure type", Kind.TEXT, l -> ChineseLabels.of(l.expenditureType()))));
        amount(columns, "年初预算数", "Initial budget", ExportLine::allocated);
        amount(columns, "预算调整数(追加−追减)", "Adjustments (supplements − reductions)", ExportLine::adjustments);
        amount(columns, "预算调剂数(调入−调出)", "Transfers (in − out)", ExportLine::transfers);
        amount(columns, "全年预算数", "Budget (adjusted)", ExportLine::budget);
        amount(columns, "全年执行数", "Executed", ExportLine::executed);
        amount(columns, "财政收回数", "Reclaimed", ExportLine::reclaimed);
        amount(columns, "结转数", "Carried over", ExportLine::carriedOver);
        amount(columns, "可用余额", "Available", ExportLine::available);
        columns.add(new ExportColumn(
                "执行率",
                "Execution rate",
                Kind.RATE,
                l -> l.executionRate() == null ? null : new BigDecimal(l.executionRate())));
        String[] quarters = {"第一季度", "第二季度", "第三季度", "第四季度"};
        for (int q = 0; q < 4; q++) {
            int index = q;
            amount(
                    columns,
                    quarters[q] + "执行数",
                    "Executed in Q" + (q + 1),
                    l -> l.quarters().get(index));
        }
        return List.copyOf(columns);
    }

    private static void amount(
            List<ExportColumn> columns, String chinese, String english, Function<ExportLine, Money> figure) {
        columns.add(new ExportColumn(
                chinese + "(元)",
                english + " (yuan)",
                Kind.YUAN,
                l -> figure.apply(l).amount()));
        // the rounding is in the header itself: a CSV has no other place a reader is sure to see
        columns.add(new ExportColumn(
                chinese + "(万元，四舍五入至0.01)",
                english + " (10k yuan, rounded half-up to 0.01)",
                Kind.WAN_YUAN,
                l -> WanYuan.of(figure.apply(l))));
    }
}
