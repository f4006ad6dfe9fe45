package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import java.util.Map;

/** Closes quarter 1–4 (in order) with the department's reported year-to-date execution per fund source. */
public record CloseQuarter(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotNull @Min(1) @Max(4) Integer quarter,
        Map<@NotNull FundSource, @NotNull Money> reportedExecution,
        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {

    public CloseQuarter {
        reportedExecution = reportedExecution == null ? Map.of() : Map.copyOf(reportedExecution);
    }
}
