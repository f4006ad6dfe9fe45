package io.budgetmonitor.api.commands;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.budgetmonitor.api.values.BoundedDecimal;
import io.budgetmonitor.api.values.Code;
import jakarta.validation.constraints.*;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Reports a KPI's cumulative actual, or for a QUALITATIVE KPI whether it is met. */
public record ReportPerformanceProgress(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String kpi,

        @JsonDeserialize(using = BoundedDecimal.Deserializer.class)
        BigDecimal actual,

        Boolean met,
        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {}
