package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/**
 * A disbursement refused by availability control (额度控制): the attempt is a fact an auditor and
 * the monitor need to see, so it is recorded, not just answered with an error.
 */
public record DisbursementRejected(
        String department,
        int fiscalYear,
        String line,
        String voucher,
        Money amount,
        Money available,
        String payee,
        String purpose,
        boolean procurement,
        String reason,
        LocalDate occurredOn)
        implements BudgetLineEvent {}
