package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.PositiveAmount;
import jakarta.validation.constraints.*;
import java.time.LocalDate;

/** Year-end 结转 of unspent funds of a line to the next year. */
public record CarryOverFunds(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String line,
        @NotNull @PositiveAmount Money amount,
        @NotNull LocalDate occurredOn)
        implements BudgetLineCommand {}
