package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.PositiveAmount;
import jakarta.validation.constraints.*;
import java.time.LocalDate;

/** Reports the book value of fixed assets in use and in total. */
public record ReportAssetUtilization(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotNull Money inUse,
        @NotNull @PositiveAmount Money total,
        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {}
