package io.budgetmonitor.api.values;

import java.util.Objects;

/**
 * Identity of a budget line (预算项目/科目) within a department-year. Its string form is the
 * aggregate id in the event store and the Kafka key.
 */
public record BudgetLineId(String department, int fiscalYear, String line) {

    public BudgetLineId {
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(line, "line");
    }

    public static BudgetLineId parse(String value) {
        String[] parts = value.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a budget line id: " + value);
        }
        return new BudgetLineId(parts[0], Integer.parseInt(parts[1]), parts[2]);
    }

    public FiscalYearId fiscalYearId() {
        return new FiscalYearId(department, fiscalYear);
    }

    @Override
    public String toString() {
        return department + ":" + fiscalYear + ":" + line;
    }
}
