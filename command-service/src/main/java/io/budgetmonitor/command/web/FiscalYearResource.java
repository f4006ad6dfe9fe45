package io.budgetmonitor.command.web;

import static io.budgetmonitor.command.input.CommandBinder.path;

import io.budgetmonitor.api.commands.AdjustPerformanceTarget;
import io.budgetmonitor.api.commands.ApproveProcurementPlan;
import io.budgetmonitor.api.commands.CloseFiscalYear;
import io.budgetmonitor.api.commands.CloseQuarter;
import io.budgetmonitor.api.commands.ExplainDeviation;
import io.budgetmonitor.api.commands.OpenFiscalYear;
import io.budgetmonitor.api.commands.RecordBonusPenalty;
import io.budgetmonitor.api.commands.RecordQualitativeAssessment;
import io.budgetmonitor.api.commands.ReportAssetUtilization;
import io.budgetmonitor.api.commands.ReportPerformanceProgress;
import io.budgetmonitor.api.commands.SetPerformanceTarget;
import io.budgetmonitor.command.dispatch.RequestMetadata;
import io.budgetmonitor.command.input.CommandBinder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A department's fiscal year (部门预算年度): opening, periods, performance and assessments. */
@RestController
@RequestMapping(path = "/api/v1/departments/{department}/years/{year}", produces = "application/json")
@Tag(
        name = "fiscal years",
        description = "the department-year: opening and closing, quarters, performance targets, assessments")
@CommandResponses
public class FiscalYearResource {

    private final CommandBinder binder;
    private final CommandExecution execution;

    public FiscalYearResource(CommandBinder binder, CommandExecution execution) {
        this.binder = binder;
        this.execution = execution;
    }

    @Operation(summary = "Open the fiscal year (预算年度开始) with its rubric and quarterly time-progress targets")
    @PostMapping
    public ResponseEntity<?> open(
            @PathVariable String department,
            @PathVariable int year,
            @RequestBody OpenFiscalYear body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(binder.bind(OpenFiscalYear.class, body, path(department, year)), metadata, key);
    }

    @Operation(summary = "Close a quarter (季度结账) with the department's reported year-to-date execution per fund source")
    @PostMapping("/quarters/{quarter}/closure")
    public ResponseEntity<?> closeQuarter(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable int quarter,
            @RequestBody CloseQuarter body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(
                binder.bind(CloseQuarter.class, body, path(department, year).with("quarter", quarter)), metadata, key);
    }

    @Operation(summary = "Close the fiscal year (年度结账): nothing is posted to it afterwards")
    @PostMapping("/closure")
    public ResponseEntity<?> close(
            @PathVariable String department,
            @PathVariable int year,
            @RequestBody CloseFiscalYear body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(binder.bind(CloseFiscalYear.class, body, path(department, year)), metadata, key);
    }

    @Operation(summary = "Record an approved government procurement plan (政府采购计划)")
    @PostMapping("/procurement-plans")
    public ResponseEntity<?> procurementPlan(
            @PathVariable String department,
            @PathVariable int year,
            @RequestBody ApproveProcurementPlan body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(
                binder.bind(ApproveProcurementPlan.class, body, path(department, year)), metadata, key);
    }

    @Operation(summary = "Report fixed-asset utilisation (固定资产利用率): book value in use and in total")
    @PostMapping("/asset-utilization")
    public ResponseEntity<?> assetUtilization(
            @PathVariable String department,
            @PathVariable int year,
            @RequestBody ReportAssetUtilization body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(
                binder.bind(ReportAssetUtilization.class, body, path(department, year)), metadata, key);
    }

    @Operation(summary = "Set a performance target (绩效指标) of a work task")
    @PostMapping("/kpis")
    public ResponseEntity<?> setKpi(
            @PathVariable String department,
            @PathVariable int year,
            @RequestBody SetPerformanceTarget body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(binder.bind(SetPerformanceTarget.class, body, path(department, year)), metadata, key);
    }

    @Operation(summary = "Adjust a KPI's target during the year (年中调整)")
    @PostMapping("/kpis/{kpi}/adjustments")
    public ResponseEntity<?> adjustKpi(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable String kpi,
            @RequestBody AdjustPerformanceTarget body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(
                binder.bind(
                        AdjustPerformanceTarget.class,
                        body,
                        path(department, year).with("kpi", kpi)),
                metadata,
                key);
    }

    @Operation(summary = "Report a KPI's cumulative progress (绩效监控)")
    @PostMapping("/kpis/{kpi}/progress")
    public ResponseEntity<?> reportKpi(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable String kpi,
            @RequestBody ReportPerformanceProgress body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(
                binder.bind(
                        ReportPerformanceProgress.class,
                        body,
                        path(department, year).with("kpi", kpi)),
                metadata,
                key);
    }

    @Operation(summary = "Record an evaluator's deduction from a qualitative indicator (定性评价)")
    @PostMapping("/qualitative-assessments")
    public ResponseEntity<?> qualitative(
            @PathVariable String department,
            @PathVariable int year,
            @RequestBody RecordQualitativeAssessment body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(
                binder.bind(RecordQualitativeAssessment.class, body, path(department, year)), metadata, key);
    }

    @Operation(summary = "Record bonus or penalty points (工作表现加减分)")
    @PostMapping("/bonus-penalties")
    public ResponseEntity<?> bonusPenalty(
            @PathVariable String department,
            @PathVariable int year,
            @RequestBody RecordBonusPenalty body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(binder.bind(RecordBonusPenalty.class, body, path(department, year)), metadata, key);
    }

    @Operation(summary = "Explain a deviation of the monitoring report: its cause (偏差原因) and corrective measure (纠偏措施)")
    @PostMapping("/deviation-explanations")
    public ResponseEntity<?> explainDeviation(
            @PathVariable String department,
            @PathVariable int year,
            @RequestBody ExplainDeviation body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(binder.bind(ExplainDeviation.class, body, path(department, year)), metadata, key);
    }
}
