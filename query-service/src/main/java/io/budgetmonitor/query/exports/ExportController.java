package io.budgetmonitor.query.exports;

import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 数据导出: the execution of a department-year as CSV and Excel, as an OpenSpending Fiscal Data
 * Package (one department, or every department the caller sees), and its alerts as CSV. Downloads:
 * each answer names its file ({@code Content-Disposition: attachment}).
 */
@RestController
public class ExportController {
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8;header=present");
    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType ZIP = MediaType.parseMediaType("application/zip");
    private static final String YEAR = "/api/v1/departments/{department}/years/{year}";

    private final ExportQueries queries;

    public ExportController(ExportQueries queries) {
        this.queries = queries;
    }

    @Operation(
            summary = "Execution by budget line as CSV (UTF-8 with BOM, Chinese header row then English): budget, "
                    + "adjustments, executed, available, rate, per quarter, in yuan and in 万元 (HALF_UP, 2 decimals), "
                    + "and a totals row equal to the execution endpoint")
    @GetMapping(YEAR + "/export.csv")
    public ResponseEntity<byte[]> csv(
            @PathVariable String department,
            @PathVariable int year,
            @Parameter(description = "business date (default today)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate asOf,
            @Parameter(description = "recording-time cut-off (default now)") @RequestParam(required = false)
                    Instant knownAt) {
        ExecutionExport export = queries.departmentYear(department, year, asOf, knownAt);
        return download(CSV, department + "-" + year + "-execution.csv", ExecutionCsv.write(export));
    }

    @Operation(summary = "The same as an Excel workbook: numeric cells formatted #,##0.00, frozen header, totals row")
    @GetMapping(YEAR + "/export.xlsx")
    public ResponseEntity<byte[]> xlsx(
            @PathVariable String department,
            @PathVariable int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt) {
        ExecutionExport export = queries.departmentYear(department, year, asOf, knownAt);
        return download(XLSX, department + "-" + year + "-execution.xlsx", ExecutionWorkbook.write(export));
    }

    @Operation(
            summary = "An OpenSpending Fiscal Data Package (zip: datapackage.json with the fiscal model + CSV) "
                    + "of one department-year")
    @GetMapping(YEAR + "/fiscal-data-package.zip")
    public ResponseEntity<byte[]> departmentPackage(
            @PathVariable String department,
            @PathVariable int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt) {
        ExecutionExport export = queries.departmentYear(department, year, asOf, knownAt);
        byte[] zip = FiscalDataPackage.zip(
                department + "-" + year + "-budget-execution",
                export.displayName() + " " + year + " 年预算执行情况",
                year,
                export.asOf(),
                List.of(export));
        return download(ZIP, department + "-" + year + "-fiscal-data-package.zip", zip);
    }

    @Operation(summary = "A Fiscal Data Package of every department the caller sees, for one fiscal year")
    @GetMapping("/api/v1/years/{year}/fiscal-data-package.zip")
    public ResponseEntity<byte[]> districtPackage(
            @Parameter(hidden = true) Caller caller,
            @PathVariable int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt) {
        List<ExecutionExport> exports = queries.district(year, caller.scope(), asOf, knownAt);
        byte[] zip = FiscalDataPackage.zip(
                "budget-execution-" + year,
                year + " 年各部门预算执行情况",
                year,
                exports.get(0).asOf(),
                exports);
        return download(ZIP, year + "-fiscal-data-package.zip", zip);
    }

    @Operation(
            summary = "Every alert of a department-year as CSV (rule, severity, subject, status, times, "
                    + "acknowledged by, explanation)")
    @GetMapping(YEAR + "/alerts.csv")
    public ResponseEntity<byte[]> alerts(
            @Parameter(hidden = true) Caller caller, @PathVariable String department, @PathVariable int year) {
        return download(
                CSV,
                department + "-" + year + "-alerts.csv",
                AlertsCsv.write(queries.alerts(department, year, caller.scope())));
    }

    private static ResponseEntity<byte[]> download(MediaType type, String filename, byte[] body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }
}
