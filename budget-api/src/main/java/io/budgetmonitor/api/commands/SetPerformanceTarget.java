package io.budgetmonitor.api.commands;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.budgetmonitor.api.values.BoundedDecimal;
import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.PlainText;
import jakarta.validation.constraints.*;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Declares a KPI of a work task; {@code task} is one of the task codes of the year's rubric (B1–B6 under
 * baiyun-2022, O1–O4 and E1–E2 under mof-dept-2020), checked by the fiscal year against its codebook. {@code target} is required unless the KPI is QUALITATIVE, whose
 * target is {@code targetDescription} (e.g. 基本满意).
 */
public record SetPerformanceTarget(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String kpi,
        @NotBlank @Code String task,
        @NotBlank @PlainText(max = PlainText.NAME) String name,
        @NotNull KpiDirection direction,

        @JsonDeserialize(using = BoundedDecimal.Deserializer.class)
        BigDecimal target,

        @PlainText(max = PlainText.NAME) String targetDescription,
        @PlainText(max = PlainText.NAME) String unit,

        @JsonDeserialize(using = BoundedDecimal.Deserializer.class) @NotNull @Positive
        BigDecimal points,

        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {}
