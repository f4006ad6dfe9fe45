package io.budgetmonitor.scoring.monitoring;

import io.budgetmonitor.scoring.monitoring.MonitoringReport.Deviation;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.Execution;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.KpiProgress;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.QuarterExecution;
import io.budgetmonitor.scoring.projection.ProjectedScore;
import io.budgetmonitor.scoring.report.Wanyuan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The monitoring report as a workbook (绩效运行监控表) for the finance bureau's collection: one sheet per
 * part, amounts as numeric 万元 cells ({@code #,##0.00}) and rates as numeric percentages, so that the
 * sheets can be summed and checked; causes and measures as text next to their KPI.
 */
final class MonitoringXlsx {

    static final String EXECUTION = "预算执行";
    static final String KPIS = "绩效指标";
    static final String PROJECTED = "预计得分";

    private MonitoringXlsx() {}

    static byte[] write(MonitoringReport r) {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(book);
            execution(book.createSheet(EXECUTION), r, styles);
            kpis(book.createSheet(KPIS), r, styles);
            projected(book.createSheet(PROJECTED), r, styles);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the monitoring workbook", e);
        }
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle wanyuan;
        final CellStyle percent;
        final CellStyle points;
        final CellStyle title;

        Styles(XSSFWorkbook book) {
            Font bold = book.createFont();
            bold.setBold(true);
            header = book.createCellStyle();
            header.setFont(bold);
            title = book.createCellStyle();
            title.setFont(bold);
            wanyuan = book.createCellStyle();
            wanyuan.setDataFormat(book.createDataFormat().getFormat("#,##0.00"));
            percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.00%"));
            points = book.createCellStyle();
            points.setDataFormat(book.createDataFormat().getFormat("0.00"));
        }
    }

    private static void execution(Sheet sheet, MonitoringReport r, Styles s) {
        int row = title(sheet, 0, MonitoringMarkdown.title(r) + "（截至" + r.asOf() + "，金额单位：万元）", s);
        row = header(sheet, row + 1, s, "资金来源", "全年预算数", "执行数", "执行率", "序时进度", "偏差（百分点）");
        for (Execution e : concat(r.byFundSource(), r.total())) {
            Row line = sheet.createRow(row++);
            line.createCell(0).setCellValue(e.label());
            money(line, 1, e.budget(), s);
            money(line, 2, e.executed(), s);
            ratio(line, 3, e.rate(), s);
            ratio(line, 4, r.timeProgress(), s);
            points(line, 5, e.deviation(r.timeProgress()), s);
        }
        row = header(sheet, row + 1, s, "季度", "截至", "序时进度", "本季度执行数", "累计执行数", "累计执行率", "偏差（百分点）");
        for (QuarterExecution q : r.byQuarter()) {
            Row line = sheet.createRow(row++);
            line.createCell(0).setCellValue(MonitoringMarkdown.QUARTERS[q.quarter() - 1]);
            if (q.begun()) {
                line.createCell(1).setCellValue(q.until().toString());
                ratio(line, 2, q.timeProgress(), s);
                money(line, 3, q.executedInQuarter(), s);
                money(line, 4, q.cumulative(), s);
                ratio(line, 5, q.rate(), s);
                points(
                        line,
                        6,
                        q.rate() == null
                                ? null
                                : MonitoringReport.points(q.rate().subtract(q.timeProgress())),
                        s);
            }
        }
        row = header(sheet, row + 1, s, "资金来源（累计执行率）", "一季度", "二季度", "三季度", "四季度");
        for (Execution e : concat(r.byFundSource(), r.total())) {
            Row line = sheet.createRow(row++);
            line.createCell(0).setCellValue(e.label());
            for (int q = 0; q < 4; q++) {
                ratio(line, q + 1, e.quarterRates().get(q), s);
            }
        }
        widths(sheet, 22, 7);
    }

    private static void kpis(Sheet sheet, MonitoringReport r, Styles s) {
        Map<String, Deviation> bySubject = new HashMap<>();
        r.deviations().forEach(d -> bySubject.put(d.subject(), d));
        int row = title(sheet, 0, "绩效指标监控情况（截至" + r.asOf() + "）", s);
        row = header(sheet, row + 1, s, "指标编码", "绩效指标", "年度目标", "完成值", "完成进度", "预计全年", "偏差", "偏差原因", "纠偏措施");
        for (KpiProgress k : r.kpis()) {
            Row line = sheet.createRow(row++);
            line.createCell(0).setCellValue(k.code());
            line.createCell(1).setCellValue(k.name());
            line.createCell(2).setCellValue(MonitoringMarkdown.target(k));
            line.createCell(3).setCellValue(MonitoringMarkdown.actual(k));
            ratio(line, 4, k.completion(), s);
            line.createCell(5).setCellValue(MonitoringMarkdown.expected(k));
            line.createCell(6).setCellValue(MonitoringMarkdown.kpiGap(k));
            Deviation d = bySubject.get(k.code());
            if (d != null) {
                line.createCell(7)
                        .setCellValue(
                                d.explanation() == null
                                        ? "（待填报）"
                                        : d.explanation().cause());
                line.createCell(8)
                        .setCellValue(
                                d.explanation() == null
                                        ? "（待填报）"
                                        : d.explanation().measure());
            }
        }
        row = header(sheet, row + 1, s, "预算执行偏差", "偏差情况", "", "", "", "", "", "偏差原因", "纠偏措施");
        for (Deviation d : r.deviations()) {
            if (r.kpis().stream().anyMatch(k -> k.code().equals(d.subject()))) {
                continue;
            }
            Row line = sheet.createRow(row++);
            line.createCell(0).setCellValue(d.label());
            line.createCell(1).setCellValue(d.description());
            line.createCell(7)
                    .setCellValue(
                            d.explanation() == null ? "（待填报）" : d.explanation().cause());
            line.createCell(8)
                    .setCellValue(
                            d.explanation() == null ? "（待填报）" : d.explanation().measure());
        }
        widths(sheet, 12, 9);
        sheet.setColumnWidth(1, 34 * 256);
        sheet.setColumnWidth(7, 40 * 256);
        sheet.setColumnWidth(8, 40 * 256);
    }

    private static void projected(Sheet sheet, MonitoringReport r, Styles s) {
        ProjectedScore p = r.projected();
        int row = title(sheet, 0, "预计得分（按截至" + r.asOf() + "的进度外推）", s);
        Row total = sheet.createRow(row + 1);
        total.createCell(0).setCellValue("预计全年得分");
        total.createCell(1).setCellValue(p.projectedTotal().doubleValue());
        total.getCell(1).setCellStyle(s.points);
        total.createCell(2).setCellValue("等级");
        total.createCell(3).setCellValue(p.projectedGrade());
        Row lost = sheet.createRow(row + 2);
        lost.createCell(0).setCellValue("预计失分");
        lost.createCell(1).setCellValue(p.pointsAtRisk().doubleValue());
        lost.getCell(1).setCellStyle(s.points);
        row = header(sheet, row + 4, s, "指标编码", "指标", "满分", "预计得分", "预计失分", "挽回失分建议");
        for (ProjectedScore.IndicatorRisk risk : p.indicators()) {
            Row line = sheet.createRow(row++);
            line.createCell(0).setCellValue(risk.code());
            line.createCell(1).setCellValue(risk.name());
            points(line, 2, risk.max(), s);
            points(line, 3, risk.projectedPoints(), s);
            points(line, 4, risk.pointsAtRisk(), s);
            line.createCell(5).setCellValue(String.join("；", risk.recovery()));
        }
        widths(sheet, 14, 6);
        sheet.setColumnWidth(1, 28 * 256);
        sheet.setColumnWidth(5, 80 * 256);
    }

    private static List<Execution> concat(List<Execution> bySource, Execution total) {
        java.util.ArrayList<Execution> all = new java.util.ArrayList<>(bySource);
        all.add(total);
        return all;
    }

    private static int title(Sheet sheet, int row, String text, Styles s) {
        Cell cell = sheet.createRow(row).createCell(0);
        cell.setCellValue(text);
        cell.setCellStyle(s.title);
        return row + 1;
    }

    private static int header(Sheet sheet, int row, Styles s, String... names) {
        Row header = sheet.createRow(row);
        for (int c = 0; c < names.length; c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(names[c]);
            cell.setCellStyle(s.header);
        }
        return row + 1;
    }

    private static void money(Row row, int column, io.budgetmonitor.api.values.Money yuan, Styles s) {
        Cell cell = row.createCell(column);
        cell.setCellValue(Wanyuan.of(yuan).doubleValue()); // exact: 万元 to 2 decimals fits a double's digits
        cell.setCellStyle(s.wanyuan);
    }

    private static void ratio(Row row, int column, BigDecimal ratio, Styles s) {
        Cell cell = row.createCell(column);
        if (ratio == null) {
            cell.setCellValue("—");
            return;
        }
        cell.setCellValue(ratio.setScale(4, RoundingMode.HALF_UP).doubleValue()); // as printed: 2 decimals of %
        cell.setCellStyle(s.percent);
    }

    private static void points(Row row, int column, BigDecimal value, Styles s) {
        Cell cell = row.createCell(column);
        if (value == null) {
            cell.setCellValue("—");
            return;
        }
        cell.setCellValue(value.doubleValue());
        cell.setCellStyle(s.points);
    }

    private static void widths(Sheet sheet, int chars, int columns) {
        for (int c = 0; c < columns; c++) {
            sheet.setColumnWidth(c, chars * 256);
        }
    }
}
