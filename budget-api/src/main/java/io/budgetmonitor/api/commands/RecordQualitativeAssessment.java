package io.budgetmonitor.api.commands;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.budgetmonitor.api.values.BoundedDecimal;
import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.PlainText;
import jakarta.validation.constraints.*;
import java.math.BigDecimal;
import java.time.LocalDate;

/** An evaluator's deduction from a qualitative rubric indicator (e.g. A6.5), with the reason. */
public record RecordQualitativeAssessment(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String indicator,

        @JsonDeserialize(using = BoundedDecimal.Deserializer.class)
        @NotNull
        @DecimalMin("0")
        @Digits(integer = 3, fraction = 2)
        BigDecimal deduction,

        @NotBlank @PlainText(max = PlainText.DESCRIPTION) String reason,
        @NotBlank @PlainText(max = PlainText.NAME) String evaluator,
        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {}
