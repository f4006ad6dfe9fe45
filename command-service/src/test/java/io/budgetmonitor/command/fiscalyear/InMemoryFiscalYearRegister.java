package io.budgetmonitor.command.fiscalyear;

import io.budgetmonitor.api.values.FiscalYearId;
import java.util.HashMap;
import java.util.Map;

/** Test double of the register: a year is NOT_OPENED until a test opens it. */
public class InMemoryFiscalYearRegister implements FiscalYearRegister {

    private final Map<FiscalYearId, Status> statuses = new HashMap<>();

    public InMemoryFiscalYearRegister open(FiscalYearId fiscalYear) {
        statuses.put(fiscalYear, Status.OPEN);
        return this;
    }

    public InMemoryFiscalYearRegister close(FiscalYearId fiscalYear) {
        statuses.put(fiscalYear, Status.CLOSED);
        return this;
    }

    public InMemoryFiscalYearRegister notOpened(FiscalYearId fiscalYear) {
        statuses.remove(fiscalYear);
        return this;
    }

    @Override
    public Status statusOf(FiscalYearId fiscalYear) {
        return statuses.getOrDefault(fiscalYear, Status.NOT_OPENED);
    }
}
