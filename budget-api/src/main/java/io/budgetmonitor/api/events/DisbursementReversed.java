package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/** 冲销: an earlier disbursement (by voucher) was reversed; {@code amount} is the original amount. */
public record DisbursementReversed(
        String department,
        int fiscalYear,
        String line,
        String voucher,
        Money amount,
        String reason,
        LocalDate occurredOn)
        implements BudgetLineEvent {}
