package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/**
 * 调剂（调出）: budget moved from this line to {@code toLine}. Recorded in the same transaction as the
 * matching {@link BudgetTransferredIn} on the other line (same {@code transferId}).
 */
public record BudgetTransferredOut(
        String department,
        int fiscalYear,
        String line,
        String toLine,
        Money amount,
        String reason,
        String transferId,
        LocalDate occurredOn)
        implements BudgetLineEvent {}
