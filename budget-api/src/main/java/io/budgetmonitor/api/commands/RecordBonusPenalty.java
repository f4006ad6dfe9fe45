package io.budgetmonitor.api.commands;

import jakarta.validation.constraints.*;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 工作表现加减分: signed points for a commendation or criticism of budget management. */
public record RecordBonusPenalty(@NotBlank String department, @NotNull @Min(1900) @Max(2999) Integer fiscalYear, @NotNull @Digits(integer = 1, fraction = 2) BigDecimal points,
                                 @NotBlank String reason, @NotNull LocalDate occurredOn) implements FiscalYearCommand {
}
