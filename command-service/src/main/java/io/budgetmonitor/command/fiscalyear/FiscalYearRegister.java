package io.budgetmonitor.command.fiscalyear;

import io.budgetmonitor.api.values.FiscalYearId;

/**
 * Whether a department-year is open: budget lines consult it because a line may only be posted to
 * while its year is open. Backed in production by a table maintained in the same transaction as
 * the fiscal-year events (set-based validation), so it is never stale for a command.
 */
public interface FiscalYearRegister {

    enum Status {
        NOT_OPENED,
        OPEN,
        CLOSED
    }

    Status statusOf(FiscalYearId fiscalYear);
}
