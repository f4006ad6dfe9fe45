package io.budgetmonitor.api.values;

import java.util.Objects;

/** Identity of a department's fiscal year (部门年度): the aggregate id of its periods and performance. */
public record FiscalYearId(String department, int fiscalYear) {

    public FiscalYearId {
        Objects.requireNonNull(department, "department");
    }

    public static FiscalYearId parse(String value) {
        String[] parts = value.split(":", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a fiscal year id: " + value);
        }
        return new FiscalYearId(parts[0], Integer.parseInt(parts[1]));
    }

    public BudgetLineId line(String line) {
        return new BudgetLineId(department, fiscalYear, line);
    }

    @Override
    public String toString() {
        return department + ":" + fiscalYear;
    }
}
