package io.budgetmonitor.api.events;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 定性评价: an evaluator deducted points from a qualitative rubric indicator, with the reason. */
public record QualitativeAssessmentRecorded(
        String department,
        int fiscalYear,
        String indicator,
        BigDecimal deduction,
        String reason,
        String evaluator,
        LocalDate occurredOn)
        implements FiscalYearEvent {}
