package io.budgetmonitor.api.commands;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.budgetmonitor.api.values.BoundedDecimal;
import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.PlainText;
import jakarta.validation.constraints.*;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Adjusts a KPI's target during the year (年中调整). */
public record AdjustPerformanceTarget(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String kpi,

        @JsonDeserialize(using = BoundedDecimal.Deserializer.class)
        BigDecimal target,

        @PlainText(max = PlainText.NAME) String targetDescription,
        @NotBlank @PlainText(max = PlainText.DESCRIPTION) String reason,
        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {}
