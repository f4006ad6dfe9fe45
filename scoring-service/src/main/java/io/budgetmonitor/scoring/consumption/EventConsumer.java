package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Consumes {@code budget.events.v1}. A poll's batch is applied in one database transaction, each record
 * under a savepoint so a poison one is parked without undoing the others; the container commits the
 * Kafka offsets only after that transaction committed (ack mode BATCH), so a crash in between means a
 * redelivery, which the sequence numbers turn into a no-op.
 */
@Component
public class EventConsumer {

    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();
    private final CloudEventCodec codec = new CloudEventCodec();
    private final EventApplier applier;
    private final DeadLetters deadLetters;
    private final TransactionTemplate batchTransaction;
    private final TransactionTemplate savepoint;

    public EventConsumer(EventApplier applier, DeadLetters deadLetters, PlatformTransactionManager transactions) {
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.batchTransaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @KafkaListener(id = "scoring-events", topics = Topics.BUDGET_EVENTS, groupId = "scoring-service", batch = "true",
            autoStartup = "${scoring.listener.auto-startup:true}")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        batchTransaction.executeWithoutResult(status -> records.forEach(this::handle));
    }

    /** Applies one record (for the listener and for tests that feed records directly). */
    void handle(ConsumerRecord<String, byte[]> record) {
        RecordedEvent event;
        try {
            CloudEvent cloudEvent = deserializer.deserialize(record.topic(), record.headers(), record.value());
            event = codec.decode(cloudEvent);
        } catch (RuntimeException unreadable) {
            String aggregateId = DeadLetters.header(record, "ce_subject");
            Long sequence = parseLong(DeadLetters.header(record, "ce_" + CloudEventCodec.SEQUENCE_NUMBER));
            deadLetters.park(record, null, aggregateId, sequence, unreadable);
            if (aggregateId != null && sequence != null) {
                applier.skipParked(aggregateId, sequence);
            }
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> applier.apply(event));
        } catch (RuntimeException refused) {
            deadLetters.park(record, event, event.aggregateId(), event.sequenceNumber(), refused);
            applier.skipParked(event.aggregateId(), event.sequenceNumber());
        }
    }

    private static Long parseLong(String value) {
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
