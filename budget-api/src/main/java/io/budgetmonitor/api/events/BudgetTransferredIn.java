package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/** 调剂（调入）: budget received by this line from {@code fromLine}. */
public record BudgetTransferredIn(
        String department,
        int fiscalYear,
        String line,
        String fromLine,
        Money amount,
        String reason,
        String transferId,
        LocalDate occurredOn)
        implements BudgetLineEvent {}
