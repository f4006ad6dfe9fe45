package io.budgetmonitor.query.consumption;

import io.budgetmonitor.api.wire.RecordedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One Kafka record after decoding: either the event, or why it could not be read (a poison message)
 * with whatever identity could still be salvaged from its CloudEvent attributes.
 */
record Incoming(
        ConsumerRecord<String, byte[]> record,
        RecordedEvent event,
        String error,
        String eventId,
        String eventType,
        String aggregateId,
        Long sequenceNumber) {

    static Incoming readable(ConsumerRecord<String, byte[]> record, RecordedEvent event) {
        return new Incoming(
                record, event, null, event.eventId(), event.type(), event.aggregateId(), event.sequenceNumber());
    }

    boolean isReadable() {
        return event != null;
    }
}
