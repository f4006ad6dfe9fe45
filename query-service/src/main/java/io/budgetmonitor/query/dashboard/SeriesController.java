package io.budgetmonitor.query.dashboard;

import io.budgetmonitor.query.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 累计执行曲线 for charts. */
@RestController
public class SeriesController {
    private final SeriesQueries queries;

    public SeriesController(SeriesQueries queries) {
        this.queries = queries;
    }

    @Operation(
            summary = "Cumulative execution over the year per fund source and in total, weekly or monthly up to "
                    + "asOf, with the time-progress line and the quarterly targets")
    @GetMapping("/api/v1/departments/{department}/years/{year}/execution/series")
    public ExecutionSeries series(
            @PathVariable String department,
            @PathVariable int year,
            @Parameter(description = "week or month (default month)") @RequestParam(defaultValue = "month")
                    String interval,
            @Parameter(description = "business date of the last point (default today)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate asOf) {
        SeriesQueries.Interval parsed;
        try {
            parsed = SeriesQueries.Interval.valueOf(interval.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("interval", "interval is week or month, not " + interval);
        }
        return queries.series(department, year, parsed, asOf);
    }
}
