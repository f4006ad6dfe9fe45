package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.PlainText;
import io.budgetmonitor.api.values.PositiveAmount;
import io.budgetmonitor.api.values.ThreePublicCategory;
import jakarta.validation.constraints.*;
import java.time.LocalDate;

/** Creates a budget line with its initial budget (预算下达). {@code threePublic} defaults to NONE. */
public record AllocateBudget(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String line,
        @NotBlank @PlainText(max = PlainText.NAME) String name,
        @NotNull FundSource fundSource,
        @NotNull ExpenditureType expenditureType,
        ThreePublicCategory threePublic,
        @NotNull Boolean appropriation,
        @NotNull @PositiveAmount Money amount,
        @NotNull LocalDate occurredOn)
        implements BudgetLineCommand {

    public AllocateBudget {
        threePublic = threePublic == null ? ThreePublicCategory.NONE : threePublic;
    }
}
