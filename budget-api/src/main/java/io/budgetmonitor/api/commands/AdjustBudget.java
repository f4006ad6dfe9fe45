package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.PlainText;
import io.budgetmonitor.api.values.PositiveAmount;
import jakarta.validation.constraints.*;
import java.time.LocalDate;

/** Supplements (追加) or reduces (追减) one line's budget. */
public record AdjustBudget(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String line,
        @NotNull AdjustmentKind kind,
        @NotNull @PositiveAmount Money amount,
        @NotBlank @PlainText(max = PlainText.DESCRIPTION) String reason,
        @NotNull LocalDate occurredOn)
        implements BudgetLineCommand {}
