package io.budgetmonitor.api.events;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * 绩效监控: the KPI's cumulative actual as of {@code occurredOn}; for a qualitative KPI, whether it is met.
 * The latest report counts.
 */
public record PerformanceProgressReported(
        String department, int fiscalYear, String kpi, BigDecimal actual, Boolean met, LocalDate occurredOn)
        implements FiscalYearEvent {}
