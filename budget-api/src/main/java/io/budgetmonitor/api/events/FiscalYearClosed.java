package io.budgetmonitor.api.events;

import java.time.LocalDate;

/** 年度结账: nothing more is posted to this department-year. */
public record FiscalYearClosed(String department, int fiscalYear, LocalDate occurredOn) implements FiscalYearEvent {}
