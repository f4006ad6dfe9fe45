package io.budgetmonitor.scoring.inputs;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 工作表现加减分: a signed number of points with its reason. */
public record BonusPenalty(BigDecimal points, String reason, LocalDate occurredOn) {}
