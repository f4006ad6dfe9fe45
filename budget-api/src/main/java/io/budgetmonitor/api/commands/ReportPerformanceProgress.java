package io.budgetmonitor.api.commands;

import jakarta.validation.constraints.*;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Reports a KPI's cumulative actual, or for a QUALITATIVE KPI whether it is met. */
public record ReportPerformanceProgress(@NotBlank String department, @NotNull @Min(1900) @Max(2999) Integer fiscalYear, @NotBlank String kpi, BigDecimal actual, Boolean met,
                                        @NotNull LocalDate occurredOn) implements FiscalYearCommand {
}
