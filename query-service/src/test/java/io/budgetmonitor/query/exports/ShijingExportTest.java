package io.budgetmonitor.query.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ExecutionCalculator;
import io.budgetmonitor.query.execution.ExecutionReport;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The real Shijing 2021 year (the demo scenario), folded without infrastructure as
 * {@code ShijingExecutionTest} does: the CSV and XLSX totals are the execution report's, which are
 * the seed's 全年预算数 16,061.02 万元 and 全年执行数 15,042.65 万元.
 */
class ShijingExportTest {
    private static final LocalDate YEAR_END = LocalDate.of(2021, 12, 31);

    private final DepartmentYearState state = DepartmentYearState.fold(new FiscalYearId("BY-SJ", 2021),
            ScenarioEvents.fromFile(Path.of("../infra/demo/shijing-2021.ndjson"), null, 0));
    private final ExecutionReport report = ExecutionCalculator.report(state, YEAR_END, null);
    private final ExecutionExport export = ExecutionExport.of(report, ExecutionCalculator.lines(state, YEAR_END));

    @Test
    void csvTotalsAreTheSeedFigures() {
        List<List<String>> records = CsvRecords.parse(new String(ExecutionCsv.write(export), StandardCharsets.UTF_8)
                .substring(1));
        Map<String, String> totals = Table.of(records.get(1), records.subList(2, records.size())).rows()
                .get(records.size() - 3);
        assertThat(totals.get("Budget line")).isEqualTo("合计");
        assertThat(totals.get("Budget (adjusted) (yuan)")).isEqualTo(report.budget().toString()).isEqualTo("160610200.00");
        assertThat(totals.get("Budget (adjusted) (10k yuan, rounded half-up to 0.01)")).isEqualTo("16061.02");
        assertThat(totals.get("Executed (yuan)")).isEqualTo(report.executed().toString()).isEqualTo("150426500.00");
        assertThat(totals.get("Executed (10k yuan, rounded half-up to 0.01)")).isEqualTo("15042.65");
        assertThat(totals.get("Execution rate")).isEqualTo("0.9366");
        assertThat(records.size() - 3).as("one row per budget line").isEqualTo(state.lines().size());
    }

    @Test
    void xlsxTotalsAreTheSeedFigures() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(ExecutionWorkbook.write(export)))) {
            Sheet sheet = workbook.getSheet(ExecutionWorkbook.SHEET);
            Row header = sheet.getRow(3);
            Row totals = sheet.getRow(sheet.getLastRowNum());
            assertThat(totals.getCell(4).getStringCellValue()).isEqualTo("合计");
            assertThat(number(totals, header, "Budget (adjusted) (10k yuan, rounded half-up to 0.01)")).isEqualTo("16061.02");
            assertThat(number(totals, header, "Executed (10k yuan, rounded half-up to 0.01)")).isEqualTo("15042.65");
            assertThat(number(totals, header, "Budget (adjusted) (yuan)")).isEqualTo("160610200.00");
            assertThat(number(totals, header, "Executed (yuan)")).isEqualTo("150426500.00");
        }
    }

    private static String number(Row row, Row header, String column) {
        for (int c = 0; c < header.getLastCellNum(); c++) {
            if (header.getCell(c).getStringCellValue().equals(column)) {
                return BigDecimal.valueOf(row.getCell(c).getNumericCellValue()).setScale(2, RoundingMode.HALF_UP).toPlainString();
            }
        }
        throw new IllegalArgumentException(column);
    }
}
