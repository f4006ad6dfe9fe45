package io.budgetmonitor.query.exports;

import java.util.List;

/**
 * The execution export as CSV for Excel and for people: UTF-8 with a byte-order mark, the Chinese
 * header on the first row, the English header on the second, one row per budget line, the totals
 * row (合计) last.
 */
final class ExecutionCsv {
    private ExecutionCsv() {}

    static byte[] write(ExecutionExport export) {
        Csv csv = new Csv();
        csv.row(ExportColumn.ALL.stream().map(ExportColumn::chinese).toList());
        csv.row(ExportColumn.ALL.stream().map(ExportColumn::english).toList());
        for (ExportLine line : export.lines()) {
            csv.row(values(line));
        }
        csv.row(values(export.totals()));
        return csv.bytes(true);
    }

    private static List<Object> values(ExportLine line) {
        return ExportColumn.ALL.stream().map(c -> c.of(line)).toList();
    }
}
