package io.budgetmonitor.api.commands;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.budgetmonitor.api.values.BoundedDecimal;
import io.budgetmonitor.api.values.Code;
import io.budgetmonitor.api.values.PlainText;
import jakarta.validation.constraints.*;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Opens a department's fiscal year. {@code rubric} defaults to {@code baiyun-2022} and names the codebook
 * the year records by (its task and indicator codes, its bonus/penalty bounds). {@code quarterTargets}
 * (cumulative time-progress targets), when not given, are the quarter ends of the rubric's time-progress
 * curve (0.25/0.50/0.75/1.00 for baiyun-2022); the opened event always carries four.
 */
public record OpenFiscalYear(
        @NotBlank @Code String department,
        @NotNull @Min(1900) @Max(2999) Integer fiscalYear,
        @NotBlank @PlainText(max = PlainText.NAME) String departmentName,
        @Code String rubric,

        @JsonDeserialize(contentUsing = BoundedDecimal.Deserializer.class) @Size(min = 4, max = 4)
        List<@NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal> quarterTargets,

        @NotNull LocalDate occurredOn)
        implements FiscalYearCommand {

    public static final String DEFAULT_RUBRIC = "baiyun-2022";
    public static final List<BigDecimal> DEFAULT_QUARTER_TARGETS =
            List.of(new BigDecimal("0.25"), new BigDecimal("0.50"), new BigDecimal("0.75"), new BigDecimal("1.00"));

    public OpenFiscalYear {
        rubric = rubric == null || rubric.isBlank() ? DEFAULT_RUBRIC : rubric;
    }
}
