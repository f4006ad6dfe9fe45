package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.PositiveAmount;
import jakarta.validation.constraints.*;
import java.time.LocalDate;

/** Records an approved government procurement plan (政府采购计划). */
public record ApproveProcurementPlan(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotNull @PositiveAmount Money amount,
        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {}
