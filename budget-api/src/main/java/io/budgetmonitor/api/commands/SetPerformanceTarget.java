package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.KpiDirection;
import jakarta.validation.constraints.*;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Declares a KPI of a work task. {@code target} is required unless the KPI is QUALITATIVE, whose
 * target is {@code targetDescription} (e.g. 基本满意).
 */
public record SetPerformanceTarget(@NotBlank String department, @NotNull @Min(1900) @Max(2999) Integer fiscalYear, @NotBlank String kpi, @NotBlank @Pattern(regexp = "B[1-6]") String task,
                                   @NotBlank String name, @NotNull KpiDirection direction,
                                   BigDecimal target, String targetDescription, String unit,
                                   @NotNull @Positive BigDecimal points,
                                   @NotNull LocalDate occurredOn) implements FiscalYearCommand {
}
