package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.api.wire.RecordedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One delivered record, decoded once for both the batch path and the one-by-one fallback: either the
 * event, or why it could not be read plus the stream coordinates its headers still name (so the
 * aggregate's later events are not held forever behind it).
 */
record Delivery(
        ConsumerRecord<String, byte[]> record,
        RecordedEvent event,
        RuntimeException unreadable,
        String aggregateId,
        Long sequence) {

    static Delivery readable(ConsumerRecord<String, byte[]> record, RecordedEvent event) {
        return new Delivery(record, event, null, event.aggregateId(), event.sequenceNumber());
    }

    static Delivery unreadable(ConsumerRecord<String, byte[]> record, RuntimeException error) {
        return new Delivery(
                record,
                null,
                error,
                DeadLetters.header(record, "ce_subject"),
                parseLong(DeadLetters.header(record, "ce_" + CloudEventCodec.SEQUENCE_NUMBER)));
    }

    boolean isReadable() {
        return event != null;
    }

    /** An unreadable record whose headers say which sequence number it consumed. */
    boolean hasStreamCoordinates() {
        return aggregateId != null && sequence != null;
    }

    private static Long parseLong(String value) {
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
