package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.PlainText;
import jakarta.validation.constraints.*;
import java.time.LocalDate;

/** Reverses (冲销) an earlier, not yet reversed disbursement of the line. */
public record ReverseDisbursement(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String line,
        @NotBlank @Code String voucher,
        @NotBlank @PlainText(max = PlainText.DESCRIPTION) String reason,
        @NotNull LocalDate occurredOn)
        implements BudgetLineCommand {}
