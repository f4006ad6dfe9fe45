package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.PlainText;
import jakarta.validation.constraints.*;
import java.time.LocalDate;

/**
 * 偏差原因及纠偏措施: an evaluator explains a deviation the monitoring report (绩效运行监控表) shows — why a
 * KPI or the budget execution falls behind, and what the department will do about it. The latest
 * explanation of a subject dated on or before a report's date is the one that report prints.
 *
 * @param subject a KPI code of the year (e.g. {@code B5.4}), {@code EXECUTION} for the budget as a whole,
 *                or a fund source ({@code GENERAL_PUBLIC_BUDGET}, …) for its execution
 */
public record ExplainDeviation(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @Code String subject,
        @NotBlank @PlainText(max = PlainText.DESCRIPTION) String cause,
        @NotBlank @PlainText(max = PlainText.DESCRIPTION) String measure,
        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {

    /** The subject that stands for the whole budget's execution. */
    public static final String EXECUTION = "EXECUTION";
}
