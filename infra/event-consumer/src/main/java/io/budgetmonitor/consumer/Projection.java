package io.budgetmonitor.consumer;

import io.budgetmonitor.api.wire.RecordedEvent;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a reader implements (读模型投影): the change a batch of events makes to its read models. The
 * consumer calls {@link #apply} inside the transaction that also writes the bookkeeping, with the events
 * already decided (no redelivery, each aggregate's in sequence order); a refusal throws, the transaction
 * rolls back, and the consumer re-applies the batch as batches of one to park the event at fault.
 *
 * @param <R> what the reader needs after the commit (department-years to re-evaluate, scores to announce)
 */
public interface Projection<R> {

    /** Writes the events' effect in the caller's transaction; throws to refuse. */
    R apply(List<RecordedEvent> events);

    /** After a committed transaction, with what {@link #apply} returned. */
    default void committed(R result) {}

    /** After a rolled-back transaction: in-memory state that {@link #apply} changed must be forgotten. */
    default void discarded() {}

    /** Whether this replica applies events now (a standby does not, so it expires no held event either). */
    default boolean active() {
        return true;
    }

    /** Runs one transaction (apply + commit or rollback) exclusively if the projection keeps shared state. */
    default <T> T exclusively(Supplier<T> transaction) {
        return transaction.get();
    }
}
