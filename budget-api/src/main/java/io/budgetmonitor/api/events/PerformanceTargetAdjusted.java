package io.budgetmonitor.api.events;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 绩效目标调整: a KPI's target changed during the year (年中调整), with the reason. */
public record PerformanceTargetAdjusted(
        String department,
        int fiscalYear,
        String kpi,
        BigDecimal target,
        String targetDescription,
        String reason,
        LocalDate occurredOn)
        implements FiscalYearEvent {}
