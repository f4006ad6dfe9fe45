package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/** 支出: a payment out of a line. {@code occurredOn} is the day it was paid (the voucher date). */
public record DisbursementRecorded(
        String department,
        int fiscalYear,
        String line,
        String voucher,
        Money amount,
        String payee,
        String purpose,
        boolean procurement,
        LocalDate occurredOn)
        implements BudgetLineEvent {}
