package io.budgetmonitor.query.consumption;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ProjectionCache;
import io.budgetmonitor.query.execution.ReadModelStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of records with exactly-once effect: in ONE database transaction it appends the
 * events to the log copy, changes the read models and records the last applied sequence of each
 * aggregate; Kafka offsets are committed by the container only after this returns.
 *
 * <ul>
 *   <li>seq ≤ last applied: a redelivery, ignored;</li>
 *   <li>seq &gt; last + 1: a gap. The event is held (not skipped, not applied) in {@code held_event},
 *       the gap is recorded in {@code consumer_gap}, counted and logged; when the missing event arrives
 *       the held ones are applied in order. Holding per aggregate keeps the rest of the partition
 *       flowing, which blocking the partition would not;</li>
 *   <li>poison (unreadable, or the projection throws): parked in {@code dead_letter} with the error;
 *       its aggregate's sequence moves past it so the stream goes on.</li>
 * </ul>
 * The happy path applies the whole batch at once; if anything throws, the batch is rolled back and
 * replayed one record per transaction to isolate the poison.
 */
@Service
public class EventApplier {
    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);

    private final TransactionTemplate tx;
    private final ProjectionCache cache;
    private final ReadModelStore store;
    private final EventLog eventLog;
    private final StreamBookkeeping books;
    private final EventDecoder decoder;
    private final ConsumptionMetrics metrics;
    private final Set<String> heldAggregates = ConcurrentHashMap.newKeySet();

    public EventApplier(
            TransactionTemplate tx,
            ProjectionCache cache,
            ReadModelStore store,
            EventLog eventLog,
            StreamBookkeeping books,
            EventDecoder decoder,
            ConsumptionMetrics metrics) {
        this.tx = tx;
        this.cache = cache;
        this.store = store;
        this.eventLog = eventLog;
        this.books = books;
        this.decoder = decoder;
        this.metrics = metrics;
    }

    public BatchOutcome applyRecords(List<ConsumerRecord<String, byte[]>> records) {
        List<Incoming> incoming = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            incoming.add(decoder.decode(record));
        }
        cache.lock().lock();
        try {
            BatchOutcome outcome;
            try {
                outcome = tx.execute(status -> applyAll(incoming));
            } catch (RuntimeException batchFailure) {
                log.warn(
                        "batch of {} records failed ({}); isolating the poison record by record",
                        incoming.size(),
                        batchFailure.toString());
                resetAfterFailure();
                outcome = new BatchOutcome();
                for (Incoming one : incoming) {
                    outcome.add(applyAlone(one));
                }
            }
            metrics.applied.increment(outcome.applied);
            metrics.duplicates.increment(outcome.duplicates);
            metrics.held.increment(outcome.held);
            metrics.parked.increment(outcome.parked);
            metrics.position(outcome.position);
            return outcome;
        } finally {
            cache.lock().unlock();
        }
    }

    private BatchOutcome applyAlone(Incoming one) {
        try {
            return tx.execute(status -> applyAll(List.of(one)));
        } catch (RuntimeException poison) {
            resetAfterFailure();
            log.error(
                    "parking event {} ({} seq {}): {}",
                    one.eventId(),
                    one.aggregateId(),
                    one.sequenceNumber(),
                    poison.toString());
            // if parking fails too (the database is down) this throws and the container retries the batch
            return tx.execute(status -> {
                BatchOutcome outcome = new BatchOutcome();
                Map<String, Long> last =
                        one.aggregateId() == null ? new HashMap<>() : books.lastSequences(List.of(one.aggregateId()));
                Map<String, Long> changed = new HashMap<>();
                park(one, poison.getClass().getSimpleName() + ": " + poison.getMessage(), last, changed);
                books.saveSequences(changed);
                outcome.parked++;
                return outcome;
            });
        }
    }

    private void resetAfterFailure() {
        cache.clear();
        heldAggregates.clear();
        heldAggregates.addAll(books.aggregatesWithHeldEvents());
    }

    /** Forgets in-memory state and reloads it from the tables (before this replica starts consuming). */
    public void reloadFromStore() {
        cache.lock().lock();
        try {
            resetAfterFailure();
        } finally {
            cache.lock().unlock();
        }
    }

    private BatchOutcome applyAll(List<Incoming> batch) {
        BatchOutcome outcome = new BatchOutcome();
        Set<String> aggregates = new HashSet<>();
        for (Incoming in : batch) {
            if (in.aggregateId() != null) {
                aggregates.add(in.aggregateId());
            }
        }
        Map<String, Long> last = books.lastSequences(aggregates);
        Map<String, Long> changed = new HashMap<>();
        List<RecordedEvent> logged = new ArrayList<>();
        Set<FiscalYearId> touched = new LinkedHashSet<>();
        for (Incoming in : batch) {
            if (!in.isReadable()) {
                park(in, in.error(), last, changed);
                outcome.parked++;
                continue;
            }
            RecordedEvent event = in.event();
            long previous = last.getOrDefault(event.aggregateId(), -1L);
            if (event.sequenceNumber() <= previous) {
                outcome.duplicates++;
                continue;
            }
            if (event.sequenceNumber() > previous + 1) {
                log.warn(
                        "gap in {}: expected sequence {}, received {} (event {}); holding it",
                        event.aggregateId(),
                        previous + 1,
                        event.sequenceNumber(),
                        event.eventId());
                books.hold(event, previous + 1);
                heldAggregates.add(event.aggregateId());
                metrics.gaps.increment();
                outcome.held++;
                continue;
            }
            project(event, last, changed, logged, touched, outcome);
            drainHeld(event.aggregateId(), last, changed, logged, touched, outcome);
        }
        eventLog.append(logged);
        books.saveSequences(changed);
        for (FiscalYearId id : touched) {
            store.save(cache.get(id));
        }
        if (outcome.position >= 0) {
            books.advancePosition(outcome.position);
        }
        outcome.touched.addAll(touched);
        return outcome;
    }

    private void project(
            RecordedEvent event,
            Map<String, Long> last,
            Map<String, Long> changed,
            List<RecordedEvent> logged,
            Set<FiscalYearId> touched,
            BatchOutcome outcome) {
        FiscalYearId id =
                new FiscalYearId(event.event().department(), event.event().fiscalYear());
        DepartmentYearState state = cache.get(id);
        state.apply(event);
        touched.add(id);
        last.put(event.aggregateId(), event.sequenceNumber());
        changed.put(event.aggregateId(), event.sequenceNumber());
        logged.add(event);
        outcome.applied++;
        outcome.position = Math.max(outcome.position, event.position());
    }

    /** Applies events held behind a gap that the event just applied has closed. */
    private void drainHeld(
            String aggregate,
            Map<String, Long> last,
            Map<String, Long> changed,
            List<RecordedEvent> logged,
            Set<FiscalYearId> touched,
            BatchOutcome outcome) {
        if (!heldAggregates.contains(aggregate)) {
            return;
        }
        long next = last.get(aggregate) + 1;
        Optional<RecordedEvent> held;
        while ((held = books.takeHeld(aggregate, next)).isPresent()) {
            project(held.get(), last, changed, logged, touched, outcome);
            next++;
        }
        books.resolveGaps(aggregate, next - 1);
        if (!books.hasHeld(aggregate)) {
            heldAggregates.remove(aggregate);
        }
    }

    private void park(Incoming in, String error, Map<String, Long> last, Map<String, Long> changed) {
        books.park(in, error);
        // move the aggregate past the poison event, or every later event of it would look like a gap
        if (in.aggregateId() != null
                && in.sequenceNumber() != null
                && in.sequenceNumber() == last.getOrDefault(in.aggregateId(), -1L) + 1) {
            last.put(in.aggregateId(), in.sequenceNumber());
            changed.put(in.aggregateId(), in.sequenceNumber());
        }
    }
}
