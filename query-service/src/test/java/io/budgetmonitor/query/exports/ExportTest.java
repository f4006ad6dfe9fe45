package io.budgetmonitor.query.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exports over real HTTP on the real service, fed through Kafka like every reader: a department
 * (导出街道, EXP-A) with four lines across three fund sources, adjustments both ways, a transfer, a
 * reversal and payments in all four quarters; its line names are formulas to a spreadsheet. The
 * exports' totals must be the execution endpoint's to the cent, there and on the real Shijing 2021 year
 * (the demo scenario, fed as {@code SJ-EX}).
 */
class ExportTest extends IntegrationTest {
    static final String DEPARTMENT = "EXP-A";
    static final String YEAR = "/api/v1/departments/" + DEPARTMENT + "/years/2021";
    private static final String[] SCENARIO = {
        "{'type':'OpenFiscalYear','fiscalYear':2021,'departmentName':'导出街道','occurredOn':'2021-01-01'}",
        "{'type':'AllocateBudget','fiscalYear':2021,'line':'L1','name':'=HYPERLINK(\\\"http://evil\\\",\\\"点我\\\")',"
                + "'fundSource':'GENERAL_PUBLIC_BUDGET','expenditureType':'PROJECT','amount':'123456.78','occurredOn':'2021-01-01'}",
        "{'type':'AllocateBudget','fiscalYear':2021,'line':'L2','name':'+公用经费','fundSource':'GOVERNMENT_FUND',"
                + "'expenditureType':'PUBLIC_EXPENSE','amount':'50000.00','occurredOn':'2021-01-01'}",
        "{'type':'AllocateBudget','fiscalYear':2021,'line':'L3','name':'-项目,\\\"三\\\"','fundSource':'OTHER',"
                + "'expenditureType':'PROJECT','appropriation':false,'amount':'8000.00','occurredOn':'2021-01-01'}",
        "{'type':'AllocateBudget','fiscalYear':2021,'line':'L4','name':'@物业费','fundSource':'GENERAL_PUBLIC_BUDGET',"
                + "'expenditureType':'PUBLIC_EXPENSE','amount':'20000.00','occurredOn':'2021-01-01'}",
        // 250.00 yuan is 0.025 万元: HALF_UP gives 0.03 where HALF_EVEN would give 0.02
        "{'type':'AdjustBudget','fiscalYear':2021,'line':'L1','kind':'SUPPLEMENT','amount':'250.00','reason':'追加','occurredOn':'2021-03-01'}",
        // −1,250.00 yuan is −0.125 万元: HALF_UP gives −0.13 where HALF_EVEN would give −0.12
        "{'type':'AdjustBudget','fiscalYear':2021,'line':'L2','kind':'REDUCTION','amount':'1250.00','reason':'追减','occurredOn':'2021-03-02'}",
        "{'type':'TransferBudget','fiscalYear':2021,'fromLine':'L2','toLine':'L3','amount':'1000.00','reason':'调剂','occurredOn':'2021-03-03'}",
        "{'type':'RecordDisbursement','fiscalYear':2021,'line':'L1','voucher':'E1','amount':'10000.55','payee':'p','purpose':'x','occurredOn':'2021-02-10'}",
        "{'type':'RecordDisbursement','fiscalYear':2021,'line':'L1','voucher':'E2','amount':'300.00','payee':'p','purpose':'x','occurredOn':'2021-02-11'}",
        "{'type':'ReverseDisbursement','fiscalYear':2021,'line':'L1','voucher':'E2','reason':'错付','occurredOn':'2021-04-02'}",
        "{'type':'RecordDisbursement','fiscalYear':2021,'line':'L1','voucher':'E3','amount':'20000.00','payee':'p','purpose':'x','occurredOn':'2021-05-05'}",
        "{'type':'RecordDisbursement','fiscalYear':2021,'line':'L1','voucher':'E4','amount':'5000.01','payee':'p','purpose':'x','occurredOn':'2021-08-01'}",
        "{'type':'RecordDisbursement','fiscalYear':2021,'line':'L2','voucher':'E5','amount':'12345.67','payee':'p','purpose':'x','occurredOn':'2021-01-20'}",
        "{'type':'RecordDisbursement','fiscalYear':2021,'line':'L2','voucher':'E6','amount':'250.00','payee':'p','purpose':'x','occurredOn':'2021-11-01'}",
        "{'type':'RecordDisbursement','fiscalYear':2021,'line':'L3','voucher':'E7','amount':'999.99','payee':'p','purpose':'x','occurredOn':'2021-06-15'}",
        "{'type':'RecordDisbursement','fiscalYear':2021,'line':'L4','voucher':'E8','amount':'19999.99','payee':'p','purpose':'x','occurredOn':'2021-06-20'}"
    };
    private static boolean published;

    @BeforeEach
    void scenarioOnce() {
        if (published) {
            return;
        }
        clock.setDate(LocalDate.of(2021, 6, 30));
        ScenarioEvents s = scenario();
        List<RecordedEvent> events = new ArrayList<>();
        for (String line : SCENARIO) {
            events.addAll(s.command(json(line.replace('\'', '"')), DEPARTMENT));
        }
        publish(events);
        awaitApplied(events);
        published = true;
    }

    @Test
    void csvTotalsEqualTheExecutionEndpointToTheCent() {
        JsonNode execution = Http.get(baseUrl() + YEAR + "/execution").body();
        Download csv = Download.get(baseUrl() + YEAR + "/export.csv", "viewer");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(csv.disposition()).contains("attachment").contains("EXP-A-2021-execution.csv");
        assertThat(csv.startsWithBom())
                .as("UTF-8 byte-order mark, so Excel reads 导出街道")
                .isTrue();
        List<List<String>> records = CsvRecords.parse(csv.text());
        assertThat(records.get(0)).contains("部门名称", "全年预算数(元)", "全年预算数(万元，四舍五入至0.01)", "执行率");
        assertThat(records.get(1))
                .contains("Budget (adjusted) (yuan)", "Executed in Q4 (10k yuan, rounded half-up to 0.01)");
        assertThat(records)
                .hasSize(2 + 4 + 1)
                .allSatisfy(r -> assertThat(r).hasSize(records.get(0).size()));
        Table table = Table.of(records.get(1), records.subList(2, records.size()));
        Map<String, String> totals = table.rows().get(4);

        assertThat(totals.get("Budget line")).isEqualTo("合计");
        assertThat(totals.get("Line code")).isEmpty();
        assertEqualToExecution(totals, execution);
        // the totals of the columns the endpoint has no total for are the sums of the lines
        for (String column : List.of(
                "Initial budget (yuan)",
                "Adjustments (supplements − reductions) (yuan)",
                "Executed in Q1 (yuan)",
                "Executed in Q2 (yuan)",
                "Executed in Q3 (yuan)",
                "Executed in Q4 (yuan)")) {
            assertThat(new BigDecimal(totals.get(column))).as(column).isEqualByComparingTo(table.sum(column, 4));
        }
        BigDecimal quarters = BigDecimal.ZERO;
        for (int q = 1; q <= 4; q++) {
            quarters = quarters.add(new BigDecimal(totals.get("Executed in Q" + q + " (yuan)")));
        }
        assertThat(quarters).isEqualByComparingTo(execution.get("executed").asText());

        // one line against its own endpoint, and its quarters as the ledger dates them
        Map<String, String> l1 = table.rows().get(0);
        JsonNode line = Http.get(baseUrl() + YEAR + "/lines/L1").body();
        assertThat(l1.get("Budget (adjusted) (yuan)"))
                .isEqualTo(line.get("budget").asText())
                .isEqualTo("123706.78");
        assertThat(l1.get("Executed (yuan)"))
                .isEqualTo(line.get("executed").asText())
                .isEqualTo("35000.56");
        assertThat(l1.get("Execution rate")).isEqualTo(line.get("executionRate").asText());
        assertThat(List.of(
                        l1.get("Executed in Q1 (yuan)"),
                        l1.get("Executed in Q2 (yuan)"),
                        l1.get("Executed in Q3 (yuan)"),
                        l1.get("Executed in Q4 (yuan)")))
                .containsExactly("10300.55", "19700.00", "5000.01", "0.00");
    }

    @Test
    void wanYuanAreRoundedHalfUpToTwoDecimals() {
        Table table = csvTable();
        Map<String, String> l1 = table.rows().get(0);
        Map<String, String> l2 = table.rows().get(1);
        String adjustments = "Adjustments (supplements − reductions) (10k yuan, rounded half-up to 0.01)";
        assertThat(l1.get(adjustments)).isEqualTo("0.03");
        assertThat(l2.get(adjustments)).isEqualTo("-0.13");
        assertThat(l1.get("Initial budget (10k yuan, rounded half-up to 0.01)")).isEqualTo("12.35"); // 12.345678
        assertThat(l2.get("Executed in Q4 (10k yuan, rounded half-up to 0.01)")).isEqualTo("0.03"); // 0.025
        for (Map<String, String> row : table.rows()) {
            for (String column : table.header()) {
                if (column.endsWith("(10k yuan, rounded half-up to 0.01)")) {
                    String yuan = row.get(column.replace("(10k yuan, rounded half-up to 0.01)", "(yuan)"));
                    assertThat(new BigDecimal(row.get(column)))
                            .as(column)
                            .isEqualTo(
                                    new BigDecimal(yuan).divide(BigDecimal.valueOf(10_000), 2, RoundingMode.HALF_UP));
                }
            }
        }
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsDefused() {
        Download csv = Download.get(baseUrl() + YEAR + "/export.csv", "auditor");
        List<String> names = csvTable(csv).column("Budget line");
        assertThat(names).containsExactly("'=HYPERLINK(\"http://evil\",\"点我\")", "'+公用经费", "'-项目,\"三\"", "'@物业费", "合计");
        // the raw text is RFC 4180: the field with commas and quotes is quoted, its quotes doubled
        assertThat(csv.text()).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\"");
        // numbers are never prefixed: a negative adjustment stays a number
        assertThat(csvTable(csv).rows().get(1).get("Adjustments (supplements − reductions) (yuan)"))
                .isEqualTo("-1250.00");
    }

    @Test
    void xlsxHasNumericCellsAFrozenHeaderAndTotalsEqualToTheExecutionEndpoint() throws IOException {
        JsonNode execution = Http.get(baseUrl() + YEAR + "/execution").body();
        Download xlsx = Download.get(baseUrl() + YEAR + "/export.xlsx", "budget-office");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheet("预算执行情况");
            assertThat(sheet).isNotNull();
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("导出街道 2021 年预算执行情况");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("四舍五入保留两位小数");
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 4);

            Row english = sheet.getRow(3);
            List<String> header = new ArrayList<>();
            english.forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(sheet.getRow(2)
                            .getCell(header.indexOf("Budget (adjusted) (yuan)"))
                            .getStringCellValue())
                    .isEqualTo("全年预算数(元)");
            Row totalsRow = sheet.getRow(4 + 4);
            assertThat(sheet.getLastRowNum()).isEqualTo(8);
            assertThat(totalsRow.getCell(header.indexOf("Budget line")).getStringCellValue())
                    .isEqualTo("合计");
            assertThat(sheet.getRow(4).getCell(header.indexOf("Budget line")).getStringCellValue())
                    .as("a string cell is never a formula: kept as typed")
                    .isEqualTo("=HYPERLINK(\"http://evil\",\"点我\")");

            for (int c = 0; c < header.size(); c++) {
                String column = header.get(c);
                if (column.contains("yuan") || column.equals("Execution rate")) {
                    Cell cell = totalsRow.getCell(c);
                    assertThat(cell.getCellType()).as(column + " is a number").isEqualTo(CellType.NUMERIC);
                    assertThat(cell.getCellStyle().getDataFormatString())
                            .isEqualTo(column.equals("Execution rate") ? "0.00%" : "#,##0.00");
                }
            }
            for (int r = 4; r < 8; r++) {
                Cell budget = sheet.getRow(r).getCell(header.indexOf("Budget (adjusted) (yuan)"));
                assertThat(budget.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(budget.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            }
        }
        assertEqualToExecution(xlsxTotals(xlsx), execution);
    }

    @Test
    void fiscalDataPackageHasTheSpecsRequiredFieldsAndItsCsvParses() throws IOException {
        JsonNode execution = Http.get(baseUrl() + YEAR + "/execution").body();
        Download zip = Download.get(baseUrl() + YEAR + "/fiscal-data-package.zip", "auditor");
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.contentType()).isEqualTo("application/zip");
        Map<String, byte[]> entries = zip.entries();
        assertThat(entries).containsKey("datapackage.json");
        JsonNode descriptor = BudgetJson.mapper().readTree(entries.get("datapackage.json"));

        List<List<String>> records = FiscalDataPackageSpec.assertValid(descriptor, entries);
        List<String> header = records.get(0);
        Table table = Table.of(header, records.subList(1, records.size()));
        assertThat(descriptor.get("title").asText()).isEqualTo("导出街道 2021 年预算执行情况");
        assertThat(table.rows()).as("one row per budget line, no totals row").hasSize(4);
        assertThat(table.column("line")).containsExactly("L1", "L2", "L3", "L4");
        assertThat(table.column("fund_source_name")).containsExactly("一般公共预算", "政府性基金预算", "其他资金", "一般公共预算");
        assertThat(table.sum("budget", 4))
                .isEqualByComparingTo(execution.get("budget").asText());
        assertThat(table.sum("executed", 4))
                .isEqualByComparingTo(execution.get("executed").asText());
        assertThat(table.sum("available", 4))
                .isEqualByComparingTo(execution.get("available").asText());
    }

    @Test
    void theDistrictPackageHoldsOnlyTheDepartmentsTheCallerSees() throws IOException {
        // 2022: a year no other test uses, with nothing spent, so BY-SJ raises no alert that other tests would count
        ScenarioEvents s = scenario();
        List<RecordedEvent> events = new ArrayList<>();
        for (String department : List.of("BY-SJ", "EXP-D")) {
            events.addAll(s.command(
                    json("{\"type\":\"OpenFiscalYear\",\"fiscalYear\":2022,\"departmentName\":\"" + department
                            + "\",\"occurredOn\":\"2022-01-01\"}"),
                    department));
            events.addAll(s.command(
                    json("{\"type\":\"AllocateBudget\",\"fiscalYear\":2022,\"line\":\"P1\",\"name\":\"项目\","
                            + "\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PROJECT\",\"amount\":\"1000.00\","
                            + "\"occurredOn\":\"2022-01-01\"}"),
                    department));
        }
        publish(events);
        awaitApplied(events);

        Download scoped = Download.get(baseUrl() + "/api/v1/years/2022/fiscal-data-package.zip", "viewer-bysj");
        assertThat(scoped.status()).isEqualTo(200);
        List<List<String>> scopedRows = FiscalDataPackageSpec.assertValid(
                BudgetJson.mapper().readTree(scoped.entries().get("datapackage.json")), scoped.entries());
        assertThat(Table.of(scopedRows.get(0), scopedRows.subList(1, scopedRows.size()))
                        .column("department"))
                .containsOnly("BY-SJ")
                .isNotEmpty();

        Download everyone = Download.get(baseUrl() + "/api/v1/years/2022/fiscal-data-package.zip", "viewer");
        List<List<String>> allRows = FiscalDataPackageSpec.assertValid(
                BudgetJson.mapper().readTree(everyone.entries().get("datapackage.json")), everyone.entries());
        assertThat(Table.of(allRows.get(0), allRows.subList(1, allRows.size())).column("department"))
                .contains("BY-SJ", "EXP-D");

        // the department's own package is out of the scoped viewer's reach, as a department that does not exist
        assertThat(Download.get(
                                baseUrl() + "/api/v1/departments/EXP-D/years/2022/fiscal-data-package.zip",
                                "viewer-bysj")
                        .status())
                .isEqualTo(404);
        assertThat(Download.get(baseUrl() + "/api/v1/years/1999/fiscal-data-package.zip", "viewer")
                        .status())
                .isEqualTo(404);
        assertThat(jdbc.queryForObject(
                        "select count(*) from alert where department = 'BY-SJ' and fiscal_year = 2022", Integer.class))
                .isZero();
    }

    @Test
    void alertsCsvListsTheYearsAlerts() {
        clock.setDate(LocalDate.of(2021, 6, 30));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Http.get(baseUrl() + "/api/v1/alerts?department=" + DEPARTMENT + "&year=2021")
                                .body()
                                .size()
                        > 0);
        JsonNode alerts = Http.get(baseUrl() + "/api/v1/alerts?department=" + DEPARTMENT + "&year=2021")
                .body();
        Download csv = Download.get(baseUrl() + YEAR + "/alerts.csv", "viewer");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.startsWithBom()).isTrue();
        List<List<String>> records = CsvRecords.parse(csv.text());
        assertThat(records.get(0)).contains("规则", "严重程度", "预警对象", "状态", "产生时间(UTC)", "确认人", "预警说明");
        Table table = Table.of(records.get(1), records.subList(2, records.size()));

        Set<String> expected = new HashSet<>();
        alerts.forEach(a -> expected.add(a.get("id").asText() + " "
                + a.get("rule").asText() + " " + a.get("subject").asText() + " "
                + a.get("status").asText() + " " + a.get("severity").asText()));
        Set<String> listed = new HashSet<>();
        table.rows()
                .forEach(r -> listed.add(r.get("Alert id") + " " + r.get("Rule") + " " + r.get("Subject") + " "
                        + r.get("Status") + " " + r.get("Severity")));
        assertThat(listed).isEqualTo(expected);
        assertThat(table.rows()).allSatisfy(r -> {
            assertThat(r.get("Department code")).isEqualTo(DEPARTMENT);
            assertThat(r.get("Explanation")).isNotBlank();
            assertThat(r.get("Raised at")).isNotBlank();
        });
        assertThat(table.column("Rule (zh)")).contains("执行进度滞后");
    }

    @Test
    void theShijingDemoYearsCsvAndXlsxTotalsEqualItsExecutionEndpoint() throws IOException {
        List<RecordedEvent> events = ScenarioEvents.fromFile(
                Path.of("../infra/demo/shijing-2021.ndjson"),
                "SJ-EX",
                scenario().nextPosition());
        publish(events);
        awaitApplied(events);
        String year = "/api/v1/departments/SJ-EX/years/2021";
        JsonNode execution = Http.get(baseUrl() + year + "/execution").body();

        Table csv = csvTable(Download.get(baseUrl() + year + "/export.csv", "viewer"));
        Map<String, String> csvTotals = csv.rows().get(csv.rows().size() - 1);
        assertThat(csv.rows())
                .hasSize(jdbc.queryForObject(
                                "select count(*) from rm.budget_line where department = 'SJ-EX' and fiscal_year = 2021",
                                Integer.class)
                        + 1);
        Map<String, String> xlsxTotals = xlsxTotals(Download.get(baseUrl() + year + "/export.xlsx", "auditor"));
        for (Map<String, String> totals : List.of(csvTotals, xlsxTotals)) {
            assertEqualToExecution(totals, execution);
            // the seed's 全年预算数 and 全年执行数
            assertThat(totals.get("Budget (adjusted) (10k yuan, rounded half-up to 0.01)"))
                    .isEqualTo("16061.02");
            assertThat(totals.get("Executed (10k yuan, rounded half-up to 0.01)"))
                    .isEqualTo("15042.65");
            assertThat(totals.get("Execution rate")).isEqualTo("0.9366");
        }
    }

    /** The totals row of a downloaded workbook: each numeric column as a decimal string. */
    private static Map<String, String> xlsxTotals(Download xlsx) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheet("预算执行情况");
            Row header = sheet.getRow(3);
            Row totals = sheet.getRow(sheet.getLastRowNum());
            assertThat(totals.getCell(4).getStringCellValue()).isEqualTo("合计");
            Map<String, String> figures = new HashMap<>();
            for (int c = 0; c < header.getLastCellNum(); c++) {
                String column = header.getCell(c).getStringCellValue();
                if (column.contains("yuan") || column.equals("Execution rate")) {
                    int scale = column.equals("Execution rate") ? 4 : 2;
                    figures.put(
                            column,
                            BigDecimal.valueOf(totals.getCell(c).getNumericCellValue())
                                    .setScale(scale, RoundingMode.HALF_UP)
                                    .toPlainString());
                }
            }
            return figures;
        }
    }

    private Table csvTable() {
        return csvTable(Download.get(baseUrl() + YEAR + "/export.csv", "viewer"));
    }

    private static Table csvTable(Download csv) {
        List<List<String>> records = CsvRecords.parse(csv.text());
        return Table.of(records.get(1), records.subList(2, records.size()));
    }

    /** The totals row against {@code GET …/execution}: yuan to the cent, 万元 from it, the same rate. */
    private static void assertEqualToExecution(Map<String, String> totals, JsonNode execution) {
        Map<String, String> figures = Map.of(
                "Budget (adjusted)",
                "budget",
                "Executed",
                "executed",
                "Available",
                "available",
                "Reclaimed",
                "reclaimed",
                "Carried over",
                "carriedOver");
        figures.forEach((column, field) -> {
            BigDecimal yuan = new BigDecimal(execution.get(field).asText());
            assertThat(totals.get(column + " (yuan)")).as(column).isEqualTo(yuan.toPlainString());
            assertThat(totals.get(column + " (10k yuan, rounded half-up to 0.01)"))
                    .as(column + " in 万元")
                    .isEqualTo(yuan.divide(BigDecimal.valueOf(10_000), 2, RoundingMode.HALF_UP)
                            .toPlainString());
        });
        assertThat(totals.get("Execution rate"))
                .isEqualTo(execution.get("executionRate").asText());
    }

    private static JsonNode json(String text) {
        try {
            return BudgetJson.mapper().readTree(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
