package io.budgetmonitor.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.budgetmonitor.api.events.BudgetAdjusted;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.BudgetTransferredIn;
import io.budgetmonitor.api.events.BudgetTransferredOut;
import io.budgetmonitor.api.events.DeviationExplained;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.Money;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * 绩效运行监控报告 (issue 14, part 3) and the as-of cut on the business date (part 4), on the running
 * service with the demo year of 石井街道 (infra/demo/shijing-2021.ndjson) through Kafka: once whole
 * ({@link #FULL}) and once with only its events dated on or before 30 June ({@link #HALF}, a year that
 * never saw a later event). As of 30 June both must read the same, to the byte.
 */
class MonitoringReportTest extends RunningScoringService {

    static final String FULL = "MON-SJ";
    static final String HALF = "MON-H1";
    static final LocalDate JUNE = LocalDate.of(2021, 6, 30);
    static final MediaType DOCX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static boolean applied;

    /** The demo year whole and cut at 30 June, applied once for the class. */
    private void demo() {
        if (!applied) {
            publishAll(ShijingScenario.events(FULL));
            publishAll(ShijingScenario.events(HALF).stream()
                    .filter(e -> !e.occurredOn().isAfter(JUNE))
                    .toList());
            waitForPosition(EVENTS.lastPosition());
            applied = true;
        }
    }

    @Test
    void theProjectedScoreAsOfJuneIsThatOfAYearThatNeverSawALaterEvent() {
        demo();
        JsonNode full = projected(FULL, "?asOf=" + JUNE);
        JsonNode half = projected(HALF, "?asOf=" + JUNE);
        assertThat(withoutIdentity(full)).isEqualTo(withoutIdentity(half));
        assertThat(full.get("asOf").asText()).isEqualTo("2021-06-30");
        // not the whole year's data: the year as it ends projects otherwise
        JsonNode yearEnd = projected(FULL, "?asOf=2021-12-31");
        assertThat(full.get("projectedTotal").decimalValue())
                .isNotEqualByComparingTo(yearEnd.get("projectedTotal").decimalValue());

        // what would recover the lost points, in Chinese
        String advice = full.get("indicators").toString();
        assertThat(advice).doesNotContainPattern("\\b(spend|yuan|bring|raise|keep)\\b");
        assertThat(full.get("indicators").findValuesAsText("code")).contains("B5");
        assertThat(advice)
                .contains("将绩效指标B5.4“扶贫资金到位率”由0%提高到目标值100%")
                .containsPattern("2021-12-31前再执行[0-9,]+\\.\\d\\d万元（全部资金），A1.1“预算完成率”可达100%，得满分");
    }

    /**
     * 全年预计完成: the demo's count KPIs are projected by time progress (50% on 30 June) — 21 of 30 trainings
     * is on course for 140%, 7 of 12 investment projects for 14 ÷ 12 = 116.67%, 2 of 4 market campaigns for
     * exactly 100% — while a rate KPI (扶贫资金到位率, 0% reported) keeps its latest value.
     */
    @Test
    void countKpisAreProjectedByTimeProgressAndRatesKeepTheirLatestValue() {
        demo();
        assertThat(markdown(FULL, JUNE))
                .contains("| B6.1 党员干部学习培训次数 | ≥30次 | 21次 | 70.00% | 完成（140.00%） | — |")
                .contains("| B2.3 招商引资任务 | ≥12个 | 7个 | 58.33% | 完成（116.67%） | — |")
                .contains("| B2.4 加大区打假重点市场整治力度 | ≥4个 | 2个 | 50.00% | 完成（100.00%） | — |")
                .contains("| B5.4 扶贫资金到位率 | ≥100% | 0% | 0.00% | 未完成 | -100.00 |")
                .contains("累计类指标按序时进度推算、其余按最近一次报送值预计")
                .doesNotContainPattern("B6.1[^|\n]*预计全年不能完成目标");
    }

    @Test
    void theReportAsOfJuneIsThatOfAYearThatNeverSawALaterEventAndALaterEventChangesNothingInIt() {
        demo();
        String before = markdown(FULL, JUNE);
        assertThat(before).isEqualTo(markdown(HALF, JUNE));

        // events dated after 30 June, recorded now: a payment, a KPI report and an explanation
        publishAll(List.of(
                new DisbursementRecorded(
                        FULL,
                        2021,
                        firstLine(),
                        "LATE-1",
                        Money.of("123456.78"),
                        "收款人",
                        "七月支付",
                        false,
                        LocalDate.of(2021, 7, 1)),
                new PerformanceProgressReported(
                        FULL, 2021, "B5.4", new BigDecimal("100"), null, LocalDate.of(2021, 7, 2)),
                new DeviationExplained(FULL, 2021, "B5.4", "七月才说明的原因", "七月的措施", LocalDate.of(2021, 7, 1))));
        waitForPosition(EVENTS.lastPosition());

        assertThat(markdown(FULL, JUNE)).isEqualTo(before);
        // as of 1 July the payment and the explanation count; B5.4 is still behind (its report is of 2 July)
        assertThat(markdown(FULL, LocalDate.of(2021, 7, 1)))
                .contains("偏差原因：七月才说明的原因")
                .isNotEqualTo(before);
        // as of 2 July B5.4 reached its target: no deviation left to explain
        assertThat(markdown(FULL, LocalDate.of(2021, 7, 2)))
                .contains("| B5.4 扶贫资金到位率 | ≥100% | 100% | 100.00% | 完成 | — |")
                .doesNotContain("七月才说明的原因");
    }

    @Test
    void theReportHoldsTheExecutionAgainstTimeProgressAsComputedFromTheLedgerItself() throws Exception {
        demo();
        // the ledger's own figures as of 30 June, summed here from the scenario's events
        Money budget = Money.ZERO;
        Money executed = Money.ZERO;
        for (BudgetEvent e : ShijingScenario.events("X")) {
            if (e.occurredOn().isAfter(JUNE)) {
                continue;
            }
            if (e instanceof BudgetAllocated a) {
                budget = budget.plus(a.amount());
            } else if (e instanceof BudgetAdjusted a) {
                budget = a.kind() == AdjustmentKind.SUPPLEMENT ? budget.plus(a.amount()) : budget.minus(a.amount());
            } else if (e instanceof BudgetTransferredIn t) {
                budget = budget.plus(t.amount());
            } else if (e instanceof BudgetTransferredOut t) {
                budget = budget.minus(t.amount());
            } else if (e instanceof DisbursementRecorded d) {
                executed = executed.plus(d.amount());
            } else if (e instanceof DisbursementReversed r) {
                executed = executed.minus(r.amount());
            }
        }
        String budgetWan = wan(budget);
        String executedWan = wan(executed);
        String rate = executed.amount()
                        .multiply(BigDecimal.valueOf(100))
                        .divide(budget.amount(), 2, RoundingMode.HALF_UP)
                        .toPlainString()
                + "%";

        String markdown = markdown(HALF, JUNE);
        // 181 of 365 days at the rubric's straight line through 25% / 50% / 75% / 100%: Q2 ends at exactly 50%
        assertThat(markdown)
                .contains("监控日期：2021-06-30　序时进度：50.00%　金额单位：万元")
                .contains("截至2021-06-30，全年预算数" + budgetWan + "万元，执行数" + executedWan + "万元，预算执行率" + rate)
                .contains("| 合计 | " + budgetWan + " | " + executedWan + " | " + rate + " | 50.00% |")
                .contains("| 三季度 | — | — | — | — | — | — |");

        byte[] docx = bytes(as("viewer"), HALF, JUNE, DOCX);
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/monitoring-report.docx"), docx);
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx));
                XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            assertThat(document.getParagraphs().stream().map(p -> p.getText()).toList())
                    .contains(
                            "广州市白云区人民政府石井街道办事处2021年度绩效运行监控报告",
                            "一、预算执行情况",
                            "二、绩效目标完成情况",
                            "三、偏差原因及纠偏措施",
                            "四、预计得分及挽回失分建议");
            XWPFTable execution = table(document, "资金来源", "全年预算数");
            List<String> total = cells(row(execution, "合计"));
            assertThat(total.subList(0, 5)).containsExactly("合计", budgetWan, executedWan, rate, "50.00%");
            XWPFTable kpis = table(document, "绩效指标", "年度目标");
            assertThat(cells(row(kpis, "B5.4 扶贫资金到位率")))
                    .containsExactly("B5.4 扶贫资金到位率", "≥100%", "0%", "0.00%", "未完成", "-100.00");
            assertThat(extractor.getText()).contains("预计全年得分").contains("挽回失分建议");
        }

        byte[] xlsx = bytes(as("auditor"), HALF, JUNE, XLSX);
        Files.write(Path.of("target/reports/monitoring-report.xlsx"), xlsx);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("预算执行");
            Row totalRow = rowStartingWith(sheet, "合计");
            assertThat(BigDecimal.valueOf(totalRow.getCell(1).getNumericCellValue()))
                    .isEqualByComparingTo(Wanyuan(budget));
            assertThat(BigDecimal.valueOf(totalRow.getCell(2).getNumericCellValue()))
                    .isEqualByComparingTo(Wanyuan(executed));
            assertThat(totalRow.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(totalRow.getCell(4).getNumericCellValue()).isEqualTo(0.5);
            Row b54 = rowStartingWith(book.getSheet("绩效指标"), "B5.4");
            assertThat(b54.getCell(1).getStringCellValue()).isEqualTo("扶贫资金到位率");
            assertThat(b54.getCell(5).getStringCellValue()).isEqualTo("未完成");
            Row score = rowStartingWith(book.getSheet("预计得分"), "预计全年得分");
            assertThat(BigDecimal.valueOf(score.getCell(1).getNumericCellValue()))
                    .isEqualByComparingTo(projected(HALF, "?asOf=" + JUNE)
                            .get("projectedTotal")
                            .decimalValue());
        }
    }

    @Test
    void anExplanationIsPrintedUnderItsDeviationFromItsMonitoringDateOn() {
        demo();
        assertThat(markdown(HALF, JUNE)).contains("### （").contains("偏差原因：（待填报）");
        // the same explanation for both years, so that they keep reading alike
        for (String department : List.of(FULL, HALF)) {
            publishAll(List.of(
                    new DeviationExplained(department, 2021, "B5.4", "上级扶贫资金尚未下达", "督促上级于三季度下达并及时拨付", JUNE),
                    new DeviationExplained(
                            department, 2021, "EXECUTION", "工程项目尚未验收付款", "加快验收，九月底前支付", LocalDate.of(2021, 7, 20))));
        }
        waitForPosition(EVENTS.lastPosition());
        String june = markdown(HALF, JUNE);
        assertThat(june)
                .contains("### （")
                .contains("B5.4 扶贫资金到位率")
                .contains("偏差原因：上级扶贫资金尚未下达")
                .contains("纠偏措施：督促上级于三季度下达并及时拨付")
                .contains("（tester填报，监控日期2021-06-30）")
                // dated after 30 June: not in the June report
                .doesNotContain("工程项目尚未验收付款");
        String xlsxCause;
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes(as("evaluator"), HALF, JUNE, XLSX)))) {
            xlsxCause =
                    rowStartingWith(book.getSheet("绩效指标"), "B5.4").getCell(7).getStringCellValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(xlsxCause).isEqualTo("上级扶贫资金尚未下达");
        assertThat(as("viewer")
                        .getForObject(
                                "/api/v1/departments/" + HALF + "/years/2021/monitoring-report?asOf=2021-07-31",
                                String.class))
                .contains("偏差原因：上级扶贫资金尚未下达");
    }

    @Test
    void htmlAndRefusals() {
        demo();
        HttpHeaders accept = new HttpHeaders();
        accept.setAccept(List.of(MediaType.TEXT_HTML));
        ResponseEntity<String> html =
                as("budget-office").exchange(url(HALF, JUNE), HttpMethod.GET, new HttpEntity<>(accept), String.class);
        assertThat(html.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(html.getBody()).contains("<h2>一、预算执行情况</h2>").contains("<table");

        ResponseEntity<String> badDate = as("viewer")
                .getForEntity(
                        "/api/v1/departments/" + HALF + "/years/2021/monitoring-report?asOf=2021-13-01", String.class);
        assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> unknown = as("viewer")
                .getForEntity(
                        "/api/v1/departments/MON-NONE/years/2021/monitoring-report?asOf=2021-06-30", String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(as("recorder").getForEntity(url(HALF, JUNE), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    /** A year consumed before its dated inputs existed: no cut rather than a wrong one. */
    @Test
    void aYearWhoseDatedInputsDoNotAddUpToItsTotalsIsRefusedACut() {
        applySmallYear("MON-OLD", "baiyun-2022");
        assertThat(as("viewer").getForEntity(url("MON-OLD", JUNE), String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        // as if the March payment had been applied before V141: the totals hold it, no dated row does
        jdbc.update("DELETE FROM line_day WHERE department = 'MON-OLD' AND occurred_on = DATE '2021-03-10'");

        for (String path : List.of(
                url("MON-OLD", JUNE), "/api/v1/departments/MON-OLD/years/2021/projected-score?asOf=2021-06-30")) {
            ResponseEntity<String> refused = as("viewer").getForEntity(path, String.class);
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(refused.getBody()).contains("replayed from the event log");
        }
        // today's projection of everything applied needs no cut
        assertThat(as("viewer")
                        .getForEntity("/api/v1/departments/MON-OLD/years/2021/projected-score", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    // ----

    private String firstLine() {
        return jdbc.queryForObject(
                "SELECT line FROM budget_line WHERE department = ? AND fiscal_year = 2021 ORDER BY line LIMIT 1",
                String.class,
                FULL);
    }

    private JsonNode projected(String department, String query) {
        return read(as("auditor")
                .getForObject(
                        "/api/v1/departments/" + department + "/years/2021/projected-score" + query, String.class));
    }

    private static JsonNode withoutIdentity(JsonNode projected) {
        ObjectNode copy = projected.deepCopy();
        copy.remove("department");
        copy.remove("position");
        return copy;
    }

    private static String url(String department, LocalDate asOf) {
        return "/api/v1/departments/" + department + "/years/2021/monitoring-report?asOf=" + asOf;
    }

    private String markdown(String department, LocalDate asOf) {
        ResponseEntity<String> response = as("viewer").getForEntity(url(department, asOf), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private byte[] bytes(TestRestTemplate user, String department, LocalDate asOf, MediaType type) {
        HttpHeaders accept = new HttpHeaders();
        accept.setAccept(List.of(type));
        ResponseEntity<byte[]> response =
                user.exchange(url(department, asOf), HttpMethod.GET, new HttpEntity<>(accept), byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(type))
                .isTrue();
        assertThat(response.getHeaders().getContentDisposition().getFilename()).contains("2021-06-30");
        return response.getBody();
    }

    private static BigDecimal Wanyuan(Money yuan) {
        return yuan.amount().divide(new BigDecimal("10000"), 2, RoundingMode.HALF_UP);
    }

    private static String wan(Money yuan) {
        return String.format("%,.2f", Wanyuan(yuan));
    }

    private static XWPFTable table(XWPFDocument document, String first, String second) {
        return document.getTables().stream()
                .filter(t -> cells(t.getRow(0)).size() > 1
                        && cells(t.getRow(0)).get(0).equals(first)
                        && cells(t.getRow(0)).get(1).equals(second))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no table with columns " + first + ", " + second));
    }

    private static XWPFTableRow row(XWPFTable table, String first) {
        return table.getRows().stream()
                .filter(r -> r.getCell(0).getText().strip().equals(first))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first));
    }

    private static List<String> cells(XWPFTableRow row) {
        return row.getTableCells().stream().map(c -> c.getText().strip()).toList();
    }

    private static Row rowStartingWith(Sheet sheet, String first) {
        for (Row row : sheet) {
            if (row.getCell(0) != null
                    && row.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                    && row.getCell(0).getStringCellValue().equals(first)) {
                return row;
            }
        }
        throw new AssertionError("no row " + first + " in " + sheet.getSheetName());
    }
}
