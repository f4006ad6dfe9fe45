package io.budgetmonitor.query.dashboard;

import io.budgetmonitor.query.web.BadRequestException;
import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 监控看板 API: the departments a dashboard lists and the district roll-up of a year. */
@RestController
public class DistrictController {
    private final DistrictQueries queries;

    public DistrictController(DistrictQueries queries) {
        this.queries = queries;
    }

    @Operation(
            summary = "The departments the caller may see, each with its years, execution rate against time progress, "
                    + "open alerts by severity and latest evaluation (projected score: null, see API.md)")
    @GetMapping("/api/v1/departments")
    public List<DepartmentOverview> departments(
            @Parameter(hidden = true) Caller caller,
            @Parameter(description = "fiscal year (default: each department's latest)") @RequestParam(required = false)
                    Integer year) {
        if (year != null) {
            validate(year);
        }
        return queries.departments(caller, year);
    }

    @Operation(
            summary =
                    "District roll-up of a year over the caller's departments: totals by fund source and "
                            + "expenditure type, the distribution of execution rates, the departments furthest behind time progress")
    @GetMapping("/api/v1/years/{year}/summary")
    public YearSummary summary(
            @Parameter(hidden = true) Caller caller,
            @PathVariable int year,
            @Parameter(description = "how many departments furthest behind (default 5, at most 100)")
                    @RequestParam(defaultValue = "5")
                    int behind) {
        validate(year);
        if (behind < 0 || behind > 100) {
            throw new BadRequestException("behind", "behind must be between 0 and 100");
        }
        return queries.summary(caller, year, behind);
    }

    static void validate(int year) {
        if (year < 1900 || year > 9999) {
            throw new BadRequestException("year", "fiscal year " + year + " is out of range");
        }
    }
}
