package io.budgetmonitor.scoring.projection;

import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 得分预测 endpoint. */
@RestController
public class ProjectionController {

    private final ProjectionService projections;

    public ProjectionController(ProjectionService projections) {
        this.projections = projections;
    }

    @Operation(
            summary =
                    "The score if the year ended on the current trend (run-rate extrapolation), with the points at risk and how to recover them")
    @GetMapping("/api/v1/departments/{department}/years/{year}/projected-score")
    public ProjectedScore projected(
            @PathVariable String department,
            @PathVariable int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return projections.project(department, year, asOf);
    }
}
