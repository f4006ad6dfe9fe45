package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.Code;
import jakarta.validation.constraints.*;
import java.time.LocalDate;

/** Closes the department-year: nothing is posted to it afterwards. */
public record CloseFiscalYear(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {}
