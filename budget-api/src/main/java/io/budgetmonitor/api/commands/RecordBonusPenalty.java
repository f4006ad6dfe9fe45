package io.budgetmonitor.api.commands;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.budgetmonitor.api.values.BoundedDecimal;
import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.PlainText;
import jakarta.validation.constraints.*;
import java.math.BigDecimal;
import java.time.LocalDate;

/** 工作表现加减分: signed points for a commendation or criticism of budget management. */
public record RecordBonusPenalty(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,

        @JsonDeserialize(using = BoundedDecimal.Deserializer.class) @NotNull @Digits(integer = 1, fraction = 2)
        BigDecimal points,

        @NotBlank @PlainText(max = PlainText.DESCRIPTION) String reason,
        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {}
