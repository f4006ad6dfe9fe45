package io.budgetmonitor.scoring.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 扣分事项: a recorded deduction as it appears in a snapshot. */
public record DeductionView(BigDecimal deduction, String reason, String evaluator, LocalDate occurredOn) {}
