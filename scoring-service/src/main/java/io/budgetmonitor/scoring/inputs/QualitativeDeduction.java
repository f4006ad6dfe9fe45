package io.budgetmonitor.scoring.inputs;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 定性评价扣分: points an evaluator deducted from a rubric indicator, with the reason. */
public record QualitativeDeduction(
        String indicator, BigDecimal deduction, String reason, String evaluator, LocalDate occurredOn) {}
