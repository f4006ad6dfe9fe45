package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/** 政府采购计划批准: an approved government procurement plan amount (plans add up over the year). */
public record ProcurementPlanApproved(String department, int fiscalYear, Money amount, LocalDate occurredOn)
        implements FiscalYearEvent {}
