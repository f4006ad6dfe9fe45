package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.PlainText;
import io.budgetmonitor.api.values.PositiveAmount;
import jakarta.validation.constraints.*;
import java.time.LocalDate;

/**
 * Records a payment out of a line. The voucher number is unique per department-year and is the
 * idempotency key: sending the same voucher again returns the first result.
 */
public record RecordDisbursement(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String line,
        @NotBlank @Code String voucher,
        @NotNull @PositiveAmount Money amount,
        @NotBlank @PlainText(max = PlainText.NAME) String payee,
        @NotBlank @PlainText(max = PlainText.DESCRIPTION) String purpose,
        Boolean procurement,
        @NotNull LocalDate occurredOn)
        implements BudgetLineCommand {

    public RecordDisbursement {
        procurement = procurement != null && procurement;
    }
}
