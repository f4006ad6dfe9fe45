package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.PositiveAmount;
import jakarta.validation.constraints.*;

import java.time.LocalDate;

/**
 * Records a payment out of a line. The voucher number is unique per department-year and is the
 * idempotency key: sending the same voucher again returns the first result.
 */
public record RecordDisbursement(@NotBlank String department, @NotNull @Min(1900) @Max(2999) Integer fiscalYear, @NotBlank String line, @NotBlank String voucher,
                                 @NotNull @PositiveAmount Money amount, @NotBlank String payee, @NotBlank String purpose,
                                 Boolean procurement, @NotNull LocalDate occurredOn) implements BudgetLineCommand {

    public RecordDisbursement {
        procurement = procurement != null && procurement;
    }
}
