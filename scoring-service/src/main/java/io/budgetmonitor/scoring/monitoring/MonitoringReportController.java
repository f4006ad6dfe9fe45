package io.budgetmonitor.scoring.monitoring;

import io.budgetmonitor.scoring.report.DocxReport;
import io.budgetmonitor.scoring.report.MarkdownHtml;
import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
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
 * 绩效运行监控报告 of a department-year as of a business date, by content negotiation: Markdown, HTML, a
 * Word document or a workbook. Without {@code asOf}, as of today in the locality's zone.
 */
@RestController
public class MonitoringReportController {

    static final String PATH = "/api/v1/departments/{department}/years/{year}/monitoring-report";
    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);
    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final MonitoringReports reports;
    private final Clock clock;
    private final MarkdownHtml html = new MarkdownHtml();
    private final DocxReport docx = new DocxReport();

    public MonitoringReportController(MonitoringReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @Operation(
            summary =
                    "The monitoring report (绩效运行监控报告) as of a business date, Chinese Markdown: execution against "
                            + "time progress by fund source and quarter, KPIs, deviations with cause and measure, projected score")
    @GetMapping(
            value = PATH,
            produces = {"text/markdown", MediaType.TEXT_PLAIN_VALUE, MediaType.ALL_VALUE})
    public ResponseEntity<String> markdown(
            @PathVariable String department,
            @PathVariable int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            Caller caller) {
        return ResponseEntity.ok()
                .contentType(MARKDOWN)
                .body(MonitoringMarkdown.render(report(department, year, asOf, caller)));
    }

    @Operation(summary = "The same report as HTML")
    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> html(
            @PathVariable String department,
            @PathVariable int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            Caller caller) {
        MonitoringReport report = report(department, year, asOf, caller);
        return ResponseEntity.ok()
                .contentType(HTML)
                .body(html.render(MonitoringMarkdown.render(report), MonitoringMarkdown.title(report)));
    }

    @Operation(summary = "The same report as a Word document (.docx)")
    @GetMapping(value = PATH, produces = DOCX)
    public ResponseEntity<byte[]> docx(
            @PathVariable String department,
            @PathVariable int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            Caller caller) {
        MonitoringReport report = report(department, year, asOf, caller);
        return attachment(report, ".docx", DOCX, docx.write(MonitoringMarkdown.render(report)));
    }

    @Operation(summary = "The same report as a workbook (.xlsx): 预算执行, 绩效指标, 预计得分")
    @GetMapping(value = PATH, produces = XLSX)
    public ResponseEntity<byte[]> xlsx(
            @PathVariable String department,
            @PathVariable int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            Caller caller) {
        MonitoringReport report = report(department, year, asOf, caller);
        return attachment(report, ".xlsx", XLSX, MonitoringXlsx.write(report));
    }

    private MonitoringReport report(String department, int year, LocalDate asOf, Caller caller) {
        caller.requireScope(department); // also checked on the path by the security module
        return reports.asOf(department, year, asOf != null ? asOf : LocalDate.now(clock));
    }

    private static ResponseEntity<byte[]> attachment(
            MonitoringReport report, String extension, String type, byte[] body) {
        String filename = report.department() + "-" + report.fiscalYear() + "年度绩效运行监控报告-" + report.asOf() + extension;
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }
}
