package io.budgetmonitor.api.commands;

import jakarta.validation.constraints.*;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Adjusts a KPI's target during the year (年中调整). */
public record AdjustPerformanceTarget(@NotBlank String department, @NotNull @Min(1900) @Max(2999) Integer fiscalYear, @NotBlank String kpi, BigDecimal target, String targetDescription,
                                      @NotBlank String reason, @NotNull LocalDate occurredOn) implements FiscalYearCommand {
}
