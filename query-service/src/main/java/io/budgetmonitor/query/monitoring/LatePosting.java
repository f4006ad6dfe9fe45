package io.budgetmonitor.query.monitoring;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/** A disbursement dated in a quarter that had already been closed when it was recorded (补记). */
public record LatePosting(
        int quarter, String line, String voucher, Money amount, LocalDate occurredOn, String eventId) {}
