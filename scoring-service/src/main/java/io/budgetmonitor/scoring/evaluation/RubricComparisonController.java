package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 评价方案对比: one year re-scored under two rubrics. */
@RestController
public class RubricComparisonController {

    private final EvaluationService service;

    public RubricComparisonController(EvaluationService service) {
        this.service = service;
    }

    @Operation(
            summary = "Re-score a department-year's current inputs under two rubrics (rubric: default the year's own; "
                    + "other: e.g. mof-dept-2020) and compare them indicator by indicator, paired by what each "
                    + "indicator measures; nothing is stored. 422 for an unknown rubric")
    @GetMapping("/api/v1/departments/{department}/years/{year}/rubric-comparison")
    public RubricComparison compare(
            @PathVariable String department,
            @PathVariable int year,
            @RequestParam(required = false) String rubric,
            @RequestParam String other,
            Caller caller) {
        caller.requireScope(department);
        return service.compare(department, year, rubric, other);
    }
}
