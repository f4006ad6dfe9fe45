package io.budgetmonitor.query.exports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The execution export as an Excel workbook (.xlsx): one sheet "预算执行情况" with a title, a note on
 * units and rounding, the Chinese and English header rows (frozen, with the code and name columns),
 * one row per budget line and the totals row. Amounts are numeric cells formatted {@code #,##0.00},
 * rates numeric cells formatted {@code 0.00%}, so Excel sums and sorts them; the totals are values,
 * not formulas, so they are the execution endpoint's figures exactly.
 */
final class ExecutionWorkbook {
    static final String SHEET = "预算执行情况";
    /** Rows above the first budget line: title, note, Chinese header, English header. */
    static final int HEADER_ROWS = 4;

    private ExecutionWorkbook() {}

    static byte[] write(ExecutionExport export) {
        try (Workbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            Sheet sheet = workbook.createSheet(SHEET);
            text(
                    sheet.createRow(0),
                    0,
                    export.displayName() + " " + export.fiscalYear() + " 年预算执行情况（截至 " + export.asOf() + "，序时进度 "
                            + percent(export.timeProgress()) + "）",
                    styles.title);
            text(
                    sheet.createRow(1),
                    0,
                    "金额单位：元 / 万元；" + WanYuan.ROUNDING_ZH + "，合计行的万元数由合计元数换算。" + " Amounts in yuan and in 10k yuan ("
                            + WanYuan.ROUNDING_EN + "; the totals row converts the total in yuan).",
                    null);
            Row chinese = sheet.createRow(2);
            Row english = sheet.createRow(3);
            for (int c = 0; c < ExportColumn.ALL.size(); c++) {
                ExportColumn column = ExportColumn.ALL.get(c);
                text(chinese, c, column.chinese(), styles.header);
                text(english, c, column.english(), styles.header);
                sheet.setColumnWidth(c, column.kind() == ExportColumn.Kind.TEXT ? 18 * 256 : 16 * 256);
            }
            int r = HEADER_ROWS;
            for (ExportLine line : export.lines()) {
                row(sheet.createRow(r++), line, styles, false);
            }
            row(sheet.createRow(r), export.totals(), styles, true);
            // header rows and the code and name columns stay in view while scrolling
            sheet.createFreezePane(5, HEADER_ROWS);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(Row row, ExportLine line, Styles styles, boolean totals) {
        List<ExportColumn> columns = ExportColumn.ALL;
        for (int c = 0; c < columns.size(); c++) {
            ExportColumn column = columns.get(c);
            Object value = column.of(line);
            Cell cell = row.createCell(c);
            switch (column.kind()) {
                case TEXT -> {
                    cell.setCellStyle(totals ? styles.totalText : styles.text);
                    if (value != null) {
                        // a string cell is never evaluated, so no formula guard is needed here (unlike CSV)
                        cell.setCellValue(value.toString());
                    }
                }
                case YEAR -> {
                    cell.setCellStyle(totals ? styles.totalText : styles.text);
                    cell.setCellValue(((Integer) value).doubleValue());
                }
                case YUAN, WAN_YUAN -> {
                    cell.setCellStyle(totals ? styles.totalAmount : styles.amount);
                    cell.setCellValue(((BigDecimal) value).doubleValue());
                }
                case RATE -> {
                    cell.setCellStyle(totals ? styles.totalRate : styles.rate);
                    if (value != null) {
                        cell.setCellValue(((BigDecimal) value).doubleValue());
                    }
                }
            }
        }
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static String percent(String ratio) {
        return ratio == null
                ? "—"
                : new BigDecimal(ratio).movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP) + "%";
    }

    /** The few cell styles of the sheet (a workbook holds a limited number, so they are made once). */
    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle text;
        final CellStyle amount;
        final CellStyle rate;
        final CellStyle totalText;
        final CellStyle totalAmount;
        final CellStyle totalRate;

        Styles(Workbook workbook) {
            short amountFormat = workbook.createDataFormat().getFormat("#,##0.00");
            short rateFormat = workbook.createDataFormat().getFormat("0.00%");
            Font bold = workbook.createFont();
            bold.setBold(true);
            Font big = workbook.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(big);
            header = workbook.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setBorderBottom(BorderStyle.THIN);
            text = workbook.createCellStyle();
            amount = workbook.createCellStyle();
            amount.setDataFormat(amountFormat);
            rate = workbook.createCellStyle();
            rate.setDataFormat(rateFormat);
            totalText = totals(workbook, bold, null);
            totalAmount = totals(workbook, bold, amountFormat);
            totalRate = totals(workbook, bold, rateFormat);
        }

        private static CellStyle totals(Workbook workbook, Font bold, Short format) {
            CellStyle style = workbook.createCellStyle();
            style.setFont(bold);
            style.setBorderTop(BorderStyle.THIN);
            if (format != null) {
                style.setDataFormat(format);
            }
            return style;
        }
    }
}
