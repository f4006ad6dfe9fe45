package io.budgetmonitor.api.events;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 工作表现加减分: a commendation (+) or criticism (−) of budget management. */
public record BonusPenaltyRecorded(
        String department, int fiscalYear, BigDecimal points, String reason, LocalDate occurredOn)
        implements FiscalYearEvent {}
