package io.budgetmonitor.api.events;

import java.time.LocalDate;

/**
 * Every fact the system records. Events are immutable, past tense, and carry the business date
 * ({@link #occurredOn()}); the recording instant, who recorded it and the correlation id travel as
 * metadata (see {@code io.budgetmonitor.api.wire.RecordedEvent}).
 */
public sealed interface BudgetEvent permits BudgetLineEvent, FiscalYearEvent {

    String department();

    int fiscalYear();

    /** Business date (voucher date, effective date). */
    LocalDate occurredOn();

    /** The id of the aggregate whose stream holds this event: also the Kafka key. */
    String aggregateId();
}
