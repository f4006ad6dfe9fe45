package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;
import java.util.List;

/** One budget line (预算项目) on an evaluation date. */
public record LineView(
        String department,
        int fiscalYear,
        String line,
        String name,
        String fundSource,
        String expenditureType,
        String threePublic,
        boolean appropriation,
        Money allocated,
        Money adjustments,
        Money transfers,
        Money budget,
        Money executed,
        Money available,
        Money reclaimed,
        Money carriedOver,
        String executionRate,
        String timeProgress,
        LocalDate asOf,
        int rejectedCount,
        List<LineQuarter> quarters) {

    /** Net execution dated in a quarter, and cumulative to its end. */
    public record LineQuarter(int quarter, Money executed, Money cumulative, String cumulativeRate) {}
}
