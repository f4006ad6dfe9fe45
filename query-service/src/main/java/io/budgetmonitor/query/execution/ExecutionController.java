package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.query.web.BadRequestException;
import io.budgetmonitor.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 预算执行进度: department, line and fund-source execution views, live or as of a past day. */
@RestController
@RequestMapping("/api/v1/departments/{department}/years/{year}")
public class ExecutionController {
    private final ExecutionQueries queries;

    public ExecutionController(ExecutionQueries queries) {
        this.queries = queries;
    }

    @Operation(
            summary =
                    "Execution of a department-year: budget, executed, rate, time progress, by fund source, "
                            + "by expenditure type (plus basic = personnel + public expense), the four quarters with reconciliation")
    @GetMapping("/execution")
    public ExecutionReport execution(
            @PathVariable String department,
            @PathVariable int year,
            @Parameter(description = "business date (default today)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate asOf,
            @Parameter(description = "recording-time cut-off (default now)") @RequestParam(required = false)
                    Instant knownAt) {
        DepartmentYearState state = queries.state(department, year, asOf, knownAt);
        return ExecutionCalculator.report(state, queries.evaluationDate(asOf, year), queries.timeProgress(), knownAt);
    }

    @Operation(summary = "Every budget line of a department-year")
    @GetMapping("/lines")
    public List<LineView> lines(
            @PathVariable String department,
            @PathVariable int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt) {
        DepartmentYearState state = queries.state(department, year, asOf, knownAt);
        return ExecutionCalculator.lines(state, queries.evaluationDate(asOf, year), queries.timeProgress());
    }

    @Operation(summary = "One budget line")
    @GetMapping("/lines/{line}")
    public LineView line(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable String line,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt) {
        DepartmentYearState state = queries.state(department, year, asOf, knownAt);
        LineFigures figures = state.lineOrNull(line);
        if (figures == null) {
            throw new NotFoundException("department " + department + " has no line " + line + " in " + year);
        }
        return ExecutionCalculator.line(state, figures, queries.evaluationDate(asOf, year), queries.timeProgress());
    }

    @Operation(summary = "One fund source (资金来源) with its lines")
    @GetMapping("/fund-sources/{fundSource}")
    public FundSourceView fundSource(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable String fundSource,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt) {
        FundSource source;
        try {
            source = FundSource.valueOf(fundSource);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("fundSource", "unknown fund source " + fundSource);
        }
        DepartmentYearState state = queries.state(department, year, asOf, knownAt);
        LocalDate date = queries.evaluationDate(asOf, year);
        ExecutionReport.Breakdown totals = ExecutionCalculator.breakdown(
                source.name(),
                state.lines(),
                l -> l.fundSource() == source,
                Rates.text(queries.timeProgress().ratio(date, year)));
        List<LineView> lines = state.lines().stream()
                .filter(l -> l.fundSource() == source)
                .map(l -> ExecutionCalculator.line(state, l, date, queries.timeProgress()))
                .toList();
        return new FundSourceView(department, year, date, totals, lines);
    }

    /** A fund source's totals and lines. */
    public record FundSourceView(
            String department,
            int fiscalYear,
            LocalDate asOf,
            ExecutionReport.Breakdown totals,
            List<LineView> lines) {}
}
