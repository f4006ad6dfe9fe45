package io.budgetmonitor.api.events;

import java.time.LocalDate;

/**
 * 偏差原因及纠偏措施: the cause of a deviation in the monitoring report and the corrective measure, for a
 * subject (a KPI code, {@code EXECUTION} or a fund source). Who explained it travels as the event's
 * {@code recordedBy}.
 */
public record DeviationExplained(
        String department, int fiscalYear, String subject, String cause, String measure, LocalDate occurredOn)
        implements FiscalYearEvent {}
