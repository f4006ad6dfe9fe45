package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.scoring.projection.DepartmentYear;
import io.budgetmonitor.scoring.projection.ProjectionAnnouncer;
import io.budgetmonitor.scoring.projection.ProjectionPublisher;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes {@code budget.events.v1}. A poll's batch is applied in one database transaction; the
 * container commits the Kafka offsets only after that transaction committed (ack mode BATCH), so a
 * crash in between means a redelivery, which the sequence numbers turn into a no-op.
 *
 * <p>Fast path: the whole batch at once ({@link BatchApplier}: sequence decisions in memory, batched
 * writes). Slow path, only if the fast path fails (a poison event, or a database error): the fast
 * path's transaction is rolled back and the batch re-applied one record at a time, each under a
 * savepoint, so the poison one is parked without undoing the others. Both paths give the same result.
 *
 * <p>Either path ends by projecting the department-years the batch touched ({@link ProjectionAnnouncer},
 * in the batch's transaction) and, once committed, publishing the projected scores that changed.
 */
@Component
public class EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();
    private final CloudEventCodec codec = new CloudEventCodec();
    private final BatchApplier batchApplier;
    private final EventApplier applier;
    private final DeadLetters deadLetters;
    private final ConsumerMetrics metrics;
    private final ProjectionAnnouncer projections;
    private final ProjectionPublisher announcements;
    private final TransactionTemplate batchTransaction;
    private final TransactionTemplate savepoint;

    public EventConsumer(
            BatchApplier batchApplier,
            EventApplier applier,
            DeadLetters deadLetters,
            ConsumerMetrics metrics,
            ProjectionAnnouncer projections,
            ProjectionPublisher announcements,
            PlatformTransactionManager transactions) {
        this.batchApplier = batchApplier;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.projections = projections;
        this.announcements = announcements;
        this.batchTransaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @KafkaListener(
            id = "scoring-events",
            topics = Topics.BUDGET_EVENTS,
            // another group reads the log from offset 0 into an empty database: a clean rebuild to compare with
            groupId = "${budget.kafka.group-id:scoring-service}",
            batch = "true",
            autoStartup = "${scoring.listener.auto-startup:true}")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<Delivery> deliveries = records.stream().map(this::decode).toList();
        BatchApplier.Result result;
        try {
            result = batchTransaction.execute(status -> batchApplier.apply(deliveries));
        } catch (RuntimeException failed) {
            // rolled back as a whole; one by one isolates the record at fault (and retries a transient error once)
            metrics.batchFallbacks.increment();
            log.warn(
                    "batch of {} records failed as a whole ({}); re-applying it one by one",
                    records.size(),
                    failed.toString());
            oneByOne(deliveries);
            return;
        }
        result.report(metrics, deadLetters);
        announcements.publish(result.announcements());
    }

    /** The reference path: every record under its own savepoint (the fallback, and the oracle of the tests). */
    void oneByOne(List<Delivery> deliveries) {
        List<ProjectedScoreChanged> changed = batchTransaction.execute(status -> {
            deliveries.forEach(this::handle);
            // every readable event's year: which of them applied is not tracked here, and an unchanged projection
            // announces nothing
            return projections.recompute(DepartmentYear.of(deliveries.stream()
                    .filter(Delivery::isReadable)
                    .map(Delivery::event)
                    .toList()));
        });
        announcements.publish(changed);
    }

    /** Applies one record (for tests that feed records directly, inside a transaction). */
    void handle(ConsumerRecord<String, byte[]> record) {
        handle(decode(record));
    }

    private void handle(Delivery delivery) {
        ConsumerRecord<String, byte[]> record = delivery.record();
        if (!delivery.isReadable()) {
            deadLetters.park(record, null, delivery.aggregateId(), delivery.sequence(), delivery.unreadable());
            if (delivery.hasStreamCoordinates()) {
                applier.skipParked(delivery.aggregateId(), delivery.sequence());
            }
            return;
        }
        var event = delivery.event();
        try {
            savepoint.executeWithoutResult(status -> applier.apply(event));
        } catch (RuntimeException refused) {
            deadLetters.park(record, event, event.aggregateId(), event.sequenceNumber(), refused);
            applier.skipParked(event.aggregateId(), event.sequenceNumber());
        }
    }

    Delivery decode(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent cloudEvent = deserializer.deserialize(record.topic(), record.headers(), record.value());
            return Delivery.readable(record, codec.decode(cloudEvent));
        } catch (RuntimeException unreadable) {
            return Delivery.unreadable(record, unreadable);
        }
    }
}
