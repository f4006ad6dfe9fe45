package io.budgetmonitor.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tracking processors (the Kafka publisher) are woken when events are committed, also when the unit of
 * work that stored them joined a transaction it did not start (an import batch, a keyed command). The store
 * here polls once an hour ({@code fetchDelay}), so an event that arrives came from a wake-up; and its storage
 * shows an append only once the Spring transaction commits, as PostgreSQL does.
 */
class StagingEventStoreTest {

    private static final long AN_HOUR = TimeUnit.HOURS.toMillis(1);

    /** Appends become visible when the surrounding Spring transaction commits (none: at once). */
    private static final class CommitVisibleStorage extends InMemoryEventStorageEngine {
        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                super.appendEvents(events);
                return;
            }
            List<? extends EventMessage<?>> pending = new ArrayList<>(events);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    CommitVisibleStorage.super.appendEvents(pending);
                }

                /** All of a transaction's rows are visible before anyone is told it committed. */
                @Override
                public int getOrder() {
                    return Ordered.HIGHEST_PRECEDENCE;
                }
            });
        }
    }

    /** Spring's transaction machinery (synchronizations, commit, rollback) without a resource. */
    private static final class Transactions extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {}

        @Override
        protected void doRollback(DefaultTransactionStatus status) {}
    }

    private StagingEventStore store;
    private BlockingStream<TrackedEventMessage<?>> stream;
    private final TransactionTemplate tx = new TransactionTemplate(new Transactions());

    @BeforeEach
    void tailTheStore() throws InterruptedException {
        store = new StagingEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(new CommitVisibleStorage())
                        .fetchDelay(AN_HOUR)
                        .optimizeEventConsumption(false), // as EventStoreConfiguration builds it
                AN_HOUR);
        stream = store.openStream(null);
        // an empty store: the stream has read everything and waits for a wake-up
        assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
    }

    @AfterEach
    void close() {
        stream.close();
        store.shutDown();
    }

    @Test
    void eventsOfAUnitOfWorkThatJoinedATransactionArriveWhenItCommits() throws InterruptedException {
        tx.executeWithoutResult(status -> storeInUnitOfWork("joined"));
        assertThat(nextId()).isEqualTo("joined");
    }

    @Test
    void eventsOfAUnitOfWorkThatOwnsItsCommitArrive() throws InterruptedException {
        storeInUnitOfWork("owned");
        assertThat(nextId()).isEqualTo("owned");
    }

    @Test
    void aRolledBackTransactionStoresNothingAndTheNextCommitStillWakes() throws InterruptedException {
        tx.executeWithoutResult(status -> {
            storeInUnitOfWork("rolled-back");
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(status -> {
            storeInUnitOfWork("first");
            storeInUnitOfWork("second"); // one wake-up per transaction is enough for both
        });
        assertThat(nextId()).isEqualTo("first");
        assertThat(nextId()).isEqualTo("second");
    }

    private void storeInUnitOfWork(String id) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(event(id)));
    }

    private String nextId() throws InterruptedException {
        assertThat(stream.hasNextAvailable(60, TimeUnit.SECONDS))
                .as("woken after the commit (the store polls once an hour)")
                .isTrue();
        return stream.nextAvailable().getIdentifier();
    }

    private static EventMessage<?> event(String id) {
        return new GenericDomainEventMessage<>("Line", "line-" + id, 0, "payload " + id, Map.of(), id, Instant.now());
    }
}
