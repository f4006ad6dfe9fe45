package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * 季度结账: a quarter was closed with the department's own report of year-to-date cumulative
 * execution per fund source; readers reconcile it against the ledger.
 */
public record QuarterClosed(
        String department, int fiscalYear, int quarter, Map<FundSource, Money> reportedExecution, LocalDate occurredOn)
        implements FiscalYearEvent {

    public QuarterClosed {
        reportedExecution = java.util.Collections.unmodifiableMap(new TreeMap<>(reportedExecution));
    }
}
