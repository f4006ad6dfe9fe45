package io.budgetmonitor.scoring.evaluation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * POST /api/v1/evaluations: which department-year, and optionally which rubric. Without one the year
 * is scored with the rubric version it was opened with; {@code id@version} asks for exactly that
 * version (the only way to score an opened year with a newer upload).
 */
public record EvaluationRequest(
        @NotBlank String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        String rubric) {}
