package io.budgetmonitor.command.eventstore;

import io.budgetmonitor.command.registers.PendingRegisters;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's embedded event store, which also stages each event for the registers the moment it is
 * applied ({@link PendingRegisters}): the next command of an import batch, decided before anything
 * is written, must see the vouchers and year openings of the lines before it.
 *
 * <p>It also wakes the tracking processors (the Kafka publisher) when the events are really committed.
 * Axon wakes them when a unit of work ends; a unit of work that joined a transaction it did not start
 * (an import batch, a command with an {@code Idempotency-Key}, whose answer commits with its events) ends
 * before that transaction commits, so the wake-up found nothing new and the events waited for the next
 * poll ({@code budget.events.fetch-delay}). Inside such a transaction the wake-up is deferred to its
 * commit, once per transaction.
 */
public class StagingEventStore extends EmbeddedEventStore {

    private final Object wakeAfterCommit = new Object();
    private final CommitWakeUps wakeUps;

    public StagingEventStore(Builder builder, long fetchDelayMillis) {
        super(builder);
        this.wakeUps = new CommitWakeUps(fetchDelayMillis);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return wakeUps.wrap(super.openStream(trackingToken));
    }

    private void wake(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        wakeUps.committed();
    }

    @Override
    public void publish(List<? extends EventMessage<?>> events) {
        PendingRegisters.stage(events);
        super.publish(events);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            wake(events); // the unit of work's own transaction has committed
            return;
        }
        if (TransactionSynchronizationManager.hasResource(wakeAfterCommit)) {
            return; // this transaction already wakes the processors when it commits
        }
        TransactionSynchronizationManager.bindResource(wakeAfterCommit, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake(events);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(wakeAfterCommit);
            }
        });
    }
}
