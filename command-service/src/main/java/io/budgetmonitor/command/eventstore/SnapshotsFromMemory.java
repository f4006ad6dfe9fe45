package io.budgetmonitor.command.eventstore;

import io.budgetmonitor.command.eventstore.AggregateCache.Committed;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Snapshots (快照) taken from the aggregate the committing transaction holds in memory, instead of
 * reading back and deserializing the events it has just written: Axon's snapshotter re-reads a budget
 * line's last 100 events for every snapshot (15% of command-service's CPU during a bench/run import).
 *
 * <p>When the snapshot trigger schedules inside a transaction, the state is taken when that transaction
 * commits, from the {@link AggregateCache} entry it committed: in the committing thread, before the
 * entry becomes visible to any other thread, so the state and its version (sequence number) match and
 * are stored ones. It is copied there (serialized with the snapshot serializer) and written by a
 * thread of its own. When it schedules in the clean-up of a unit of work after its commit, the state is
 * the cache's committed entry (see {@link #inCleanUpAfterCommit}). Everything else goes to Axon's snapshotter ({@code fromTheStore}) exactly as
 * before: a trigger outside a transaction, a transaction that rolls back (it snapshots what the store
 * kept, and clears Axon's "in progress" mark), an aggregate the transaction does not hold (a command
 * on it failed, or it is not cached).
 */
public class SnapshotsFromMemory implements Snapshotter {

    private static final Logger log = LoggerFactory.getLogger(SnapshotsFromMemory.class);

    private final AggregateCache cache;
    private final Snapshotter fromTheStore;
    private final Serializer snapshotSerializer;
    private final EventStore eventStore;
    private final TransactionTemplate transactions;
    private final Executor writer;
    private final AtomicLong fromMemory = new AtomicLong();

    public SnapshotsFromMemory(
            AggregateCache cache,
            Snapshotter fromTheStore,
            Serializer snapshotSerializer,
            EventStore eventStore,
            TransactionTemplate transactions,
            Executor writer) {
        this.cache = cache;
        this.fromTheStore = fromTheStore;
        this.snapshotSerializer = snapshotSerializer;
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.writer = writer;
    }

    /** How many snapshots were taken from memory (the rest were read back from the store). */
    public long takenFromMemory() {
        return fromMemory.get();
    }

    @Override
    public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
        boolean registered = cache.whenCompleted(aggregateIdentifier, held -> {
            if (held == null) {
                fromTheStore.scheduleSnapshot(aggregateType, aggregateIdentifier);
            } else {
                write(aggregateIdentifier, held);
            }
        });
        if (registered) {
            return;
        }
        Committed held = inCleanUpAfterCommit() ? cache.committed(aggregateIdentifier) : null;
        if (held == null) {
            fromTheStore.scheduleSnapshot(aggregateType, aggregateIdentifier);
        } else {
            write(aggregateIdentifier, held);
        }
    }

    /**
     * Whether this is the clean-up of a unit of work whose transaction has ended: Axon's trigger schedules
     * there when it fired on an aggregate it had not seen initialised (one created in this process, or one
     * still replaying its events), and clean-up handlers run in reverse order, so before the unit of work
     * releases the aggregate's lock: what the cache holds for it is what this thread committed (after a
     * rollback it holds nothing for it).
     */
    private static boolean inCleanUpAfterCommit() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().phase() == UnitOfWork.Phase.CLEANUP
                && !TransactionSynchronizationManager.isActualTransactionActive();
    }

    /** Copies the state now (its root is the cache's next), writes it on the writer's thread. */
    private void write(String aggregateIdentifier, Committed held) {
        SerializedObject<String> state = snapshotSerializer.serialize(held.root(), String.class);
        writer.execute(() -> {
            try {
                Object copy = snapshotSerializer.deserialize(state);
                transactions.executeWithoutResult(status -> eventStore.storeSnapshot(
                        new GenericDomainEventMessage<>(held.type(), aggregateIdentifier, held.version(), copy)));
                fromMemory.incrementAndGet();
            } catch (RuntimeException e) {
                // a snapshot only saves reading: the line still loads from its events
                log.warn("snapshot of {} at {} not stored", aggregateIdentifier, held.version(), e);
            }
        });
    }
}
