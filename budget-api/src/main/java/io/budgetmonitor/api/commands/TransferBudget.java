package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.BudgetLineId;
import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.PlainText;
import io.budgetmonitor.api.values.PositiveAmount;
import jakarta.validation.constraints.*;
import java.time.LocalDate;

/** Moves budget between two lines of the same department-year (调剂); both change atomically. */
public record TransferBudget(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String fromLine,
        @NotBlank @Code String toLine,
        @NotNull @PositiveAmount Money amount,
        @NotBlank @PlainText(max = PlainText.DESCRIPTION) String reason,
        @NotNull LocalDate occurredOn)
        implements BudgetCommand {

    public BudgetLineId from() {
        return new BudgetLineId(department, fiscalYear, fromLine);
    }

    public BudgetLineId to() {
        return new BudgetLineId(department, fiscalYear, toLine);
    }

    @Override
    public String targetAggregateId() {
        return from().toString();
    }
}
