package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.KpiDirection;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * 绩效指标: a KPI of a work task (B1…B6) with its target. {@code target} is null for a
 * {@link KpiDirection#QUALITATIVE} KPI, whose target is described in words ({@code targetDescription}).
 */
public record PerformanceTargetSet(
        String department,
        int fiscalYear,
        String kpi,
        String task,
        String name,
        KpiDirection direction,
        BigDecimal target,
        String targetDescription,
        String unit,
        BigDecimal points,
        LocalDate occurredOn)
        implements FiscalYearEvent {}
