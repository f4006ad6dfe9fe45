package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/** 预算调整: a supplement (追加) or reduction (追减) of one line's budget. {@code amount} is positive. */
public record BudgetAdjusted(
        String department,
        int fiscalYear,
        String line,
        AdjustmentKind kind,
        Money amount,
        String reason,
        LocalDate occurredOn)
        implements BudgetLineEvent {

    /** The signed change to the line's budget. */
    public Money delta() {
        return kind == AdjustmentKind.SUPPLEMENT ? amount : amount.negate();
    }
}
