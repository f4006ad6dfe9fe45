package io.budgetmonitor.api.commands;

import jakarta.validation.constraints.*;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An evaluator's deduction from a qualitative rubric indicator (e.g. A6.5), with the reason. */
public record RecordQualitativeAssessment(@NotBlank String department, @NotNull @Min(1900) @Max(2999) Integer fiscalYear, @NotBlank String indicator,
                                          @NotNull @DecimalMin("0") @Digits(integer = 3, fraction = 2) BigDecimal deduction,
                                          @NotBlank String reason, @NotBlank String evaluator,
                                          @NotNull LocalDate occurredOn) implements FiscalYearCommand {
}
