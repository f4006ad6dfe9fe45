package io.budgetmonitor.api.commands;

import jakarta.validation.constraints.*;

import java.time.LocalDate;

/** Reverses (冲销) an earlier, not yet reversed disbursement of the line. */
public record ReverseDisbursement(@NotBlank String department, @NotNull @Min(1900) @Max(2999) Integer fiscalYear, @NotBlank String line, @NotBlank String voucher,
                                  @NotBlank String reason, @NotNull LocalDate occurredOn) implements BudgetLineCommand {
}
