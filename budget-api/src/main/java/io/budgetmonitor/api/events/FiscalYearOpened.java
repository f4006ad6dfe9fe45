package io.budgetmonitor.api.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * 预算年度开始: the department's year is open for recording, with the rubric it will be evaluated
 * under and the cumulative time-progress targets of the four quarters (序时进度, e.g. 0.25/0.50/0.75/1.00).
 */
public record FiscalYearOpened(
        String department,
        int fiscalYear,
        String departmentName,
        String rubric,
        List<BigDecimal> quarterTargets,
        LocalDate occurredOn)
        implements FiscalYearEvent {

    public FiscalYearOpened {
        quarterTargets = List.copyOf(quarterTargets);
    }
}
