package io.budgetmonitor.consumer;

import io.budgetmonitor.api.wire.LogWatermark;
import io.budgetmonitor.api.wire.RecordedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exactly-once effect over at-least-once delivery (恰好一次), for any reader's {@link Projection}. A poll's
 * batch is decided by the {@link Sequencer} and written in ONE transaction with the projection's change:
 * sequence numbers, held events, gaps, dead letters, partition watermarks. The Kafka container commits
 * offsets only after this returns (ack mode BATCH), so a crash in between means a redelivery, which the
 * sequence numbers turn into a no-op.
 *
 * <p>If the batch fails (a poison event the projection refuses, or a database error), it is rolled back and
 * re-run as batches of one through the same code; a batch of one that fails again is parked with its error
 * (and its sequence number consumed, so the aggregate's later events are not held behind it). A failure that
 * is an {@linkplain Outages outage} of the database (connection lost, restart, failed commit or rollback) is
 * never split up or parked: it reaches the container, which retries the poll until the database is back.
 *
 * @param <R> what the projection hands to its after-commit step
 */
public class ExactlyOnceConsumer<R> {

    private static final Logger log = LoggerFactory.getLogger(ExactlyOnceConsumer.class);

    private final TransactionTemplate tx;
    private final ConsumerStore store;
    private final Projection<R> projection;
    private final ConsumerMetrics metrics;
    private final String topic;

    public ExactlyOnceConsumer(
            TransactionTemplate tx,
            ConsumerStore store,
            Projection<R> projection,
            ConsumerMetrics metrics,
            String topic) {
        this.tx = tx;
        this.store = store;
        this.projection = projection;
        this.metrics = metrics;
        this.topic = topic;
    }

    /** What the records did, summed over the transactions that committed them. */
    public static final class Outcome {
        int applied;
        int duplicates;
        int held;
        int parked;
        int watermarks;

        void add(Outcome other) {
            applied += other.applied;
            duplicates += other.duplicates;
            held += other.held;
            parked += other.parked;
            watermarks += other.watermarks;
        }

        public int applied() {
            return applied;
        }

        public int duplicates() {
            return duplicates;
        }

        public int held() {
            return held;
        }

        public int parked() {
            return parked;
        }

        @Override
        public String toString() {
            return applied + " applied, " + duplicates + " duplicates, " + held + " held, " + parked + " parked";
        }
    }

    public Outcome accept(List<ConsumerRecord<String, byte[]>> records) {
        List<Delivery> deliveries = records.stream().map(Delivery::decode).toList();
        Outcome outcome;
        try {
            outcome = run(deliveries);
        } catch (RuntimeException batchFailure) {
            if (Outages.isOutage(batchFailure)) {
                throw batchFailure;
            }
            metrics.fallbacks.increment();
            log.warn(
                    "batch of {} records failed ({}); re-applying it as batches of one",
                    deliveries.size(),
                    batchFailure.toString());
            outcome = new Outcome();
            for (Delivery one : deliveries) {
                outcome.add(alone(one));
            }
        }
        if (outcome.duplicates > 0 || outcome.held > 0 || outcome.parked > 0) {
            log.info("batch of {} records: {}", deliveries.size(), outcome);
        }
        return outcome;
    }

    private Outcome alone(Delivery one) {
        try {
            return run(List.of(one));
        } catch (RuntimeException refused) {
            if (Outages.isOutage(refused)) {
                throw refused; // the database failed, not the event: the container retries the poll
            }
            log.error(
                    "parking {} ({} seq {}, {}-{}@{}): {}",
                    one.eventId(),
                    one.aggregateId(),
                    one.sequence(),
                    one.record().topic(),
                    one.record().partition(),
                    one.record().offset(),
                    refused.toString());
            return run(List.of(one.refused(refused.getClass().getSimpleName() + ": " + refused.getMessage())));
        }
    }

    /** One transaction: decide, project, write the bookkeeping; report once committed. */
    private Outcome run(List<Delivery> batch) {
        Committed<R> committed = projection.exclusively(() -> {
            try {
                return tx.execute(status -> decideAndWrite(batch));
            } catch (RuntimeException e) {
                projection.discarded();
                throw e;
            }
        });
        report(committed);
        projection.committed(committed.projected);
        return committed.outcome;
    }

    private record Committed<R>(Outcome outcome, R projected, List<Sequencer.Gap<RecordedEvent>> gaps) {}

    private Committed<R> decideAndWrite(List<Delivery> batch) {
        Set<Integer> partitions = new LinkedHashSet<>();
        Set<String> aggregates = new LinkedHashSet<>();
        Map<String, ConsumerRecord<String, byte[]>> origin = new HashMap<>();
        for (Delivery d : batch) {
            partitions.add(d.record().partition());
            if (d.aggregateId() != null && !d.isWatermark()) {
                aggregates.add(d.aggregateId());
            }
            if (d.isEvent()) {
                origin.putIfAbsent(d.eventId(), d.record());
            }
        }
        store.lockPartitions(topic, partitions);
        Sequencer<RecordedEvent> sequencer = store.load(aggregates);
        Outcome outcome = new Outcome();
        List<LogWatermark> marks = new ArrayList<>();
        for (Delivery d : batch) {
            if (d.isPoison()) {
                store.park(d);
                outcome.parked++;
                if (d.hasStreamCoordinates()) {
                    sequencer.skip(d.aggregateId(), d.sequence());
                }
            } else if (d.isWatermark()) {
                marks.add(d.watermark());
            } else {
                sequencer.offer(d.event());
            }
        }
        R projected = projection.apply(sequencer.applied());
        store.write(sequencer, origin, "filled");
        store.watermarks(topic, marks);
        outcome.applied = sequencer.applied().size();
        outcome.duplicates = sequencer.duplicates();
        outcome.held = sequencer.newlyHeld().size();
        outcome.watermarks = marks.size();
        return new Committed<>(outcome, projected, sequencer.gapsOpened());
    }

    /**
     * Held events whose wait ran out: released (applied past the missing numbers) or parked, one aggregate
     * per transaction, through the same decider and projection as a delivery.
     */
    public int expire(String aggregateId, boolean release, String why) {
        Committed<R> committed = projection.exclusively(() -> {
            try {
                return tx.execute(status -> {
                    List<ConsumerStore.HeldEvent> held = store.heldOf(aggregateId);
                    store.lockPartitions(
                            topic,
                            held.stream()
                                    .filter(h -> h.partition() != null)
                                    .map(ConsumerStore.HeldEvent::partition)
                                    .toList());
                    Sequencer<RecordedEvent> sequencer = store.load(List.of(aggregateId));
                    sequencer.expire(aggregateId, release);
                    for (ConsumerStore.HeldEvent h : held) {
                        if (sequencer.expiredHeld().contains(h.event())) {
                            store.parkHeld(topic, h, why);
                        }
                    }
                    R projected = projection.apply(sequencer.applied());
                    store.write(sequencer, Map.of(), release ? "released" : "parked");
                    Outcome outcome = new Outcome();
                    outcome.applied = sequencer.applied().size();
                    outcome.parked = sequencer.expiredHeld().size();
                    return new Committed<>(outcome, projected, List.of());
                });
            } catch (RuntimeException e) {
                projection.discarded();
                throw e;
            }
        });
        report(committed);
        metrics.expired.increment(committed.outcome.applied + committed.outcome.parked);
        projection.committed(committed.projected);
        return committed.outcome.applied + committed.outcome.parked;
    }

    private void report(Committed<R> committed) {
        Outcome o = committed.outcome;
        metrics.applied.increment(o.applied);
        metrics.duplicates.increment(o.duplicates);
        metrics.held.increment(o.held);
        metrics.parked.increment(o.parked);
        metrics.watermarks.increment(o.watermarks);
        metrics.gaps.increment(committed.gaps.size());
        for (Sequencer.Gap<RecordedEvent> gap : committed.gaps) {
            log.warn(
                    "sequence gap in {}: expected {}, received {} (event {}, position {}); holding it",
                    gap.aggregateId(),
                    gap.expected(),
                    gap.received(),
                    gap.event().eventId(),
                    gap.event().position());
        }
    }

    public String topic() {
        return topic;
    }

    public ConsumerStore store() {
        return store;
    }

    public ConsumerMetrics metrics() {
        return metrics;
    }
}
