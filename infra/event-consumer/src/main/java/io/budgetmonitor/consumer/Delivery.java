package io.budgetmonitor.consumer;

import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.api.wire.LogWatermark;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One delivered record, decoded once: a budget event, a {@link LogWatermark}, or unreadable (poison) with
 * the stream coordinates its CloudEvent headers still name, so the aggregate's later events are not held
 * forever behind it. Decoded here rather than in the Kafka deserializer so an unreadable record becomes a
 * dead letter instead of a container failure that stalls the partition.
 */
public record Delivery(
        ConsumerRecord<String, byte[]> record,
        RecordedEvent event,
        LogWatermark watermark,
        String error,
        String eventId,
        String eventType,
        String aggregateId,
        Long sequence) {

    private static final CloudEventDeserializer DESERIALIZER = new CloudEventDeserializer();
    private static final CloudEventCodec CODEC = new CloudEventCodec();

    public static Delivery decode(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent cloudEvent = DESERIALIZER.deserialize(record.topic(), record.headers(), record.value());
            if (LogWatermark.isWatermark(cloudEvent)) {
                return new Delivery(
                        record,
                        null,
                        LogWatermark.of(cloudEvent),
                        null,
                        cloudEvent.getId(),
                        LogWatermark.TYPE,
                        null,
                        null);
            }
            RecordedEvent event = CODEC.decode(cloudEvent);
            return new Delivery(
                    record,
                    event,
                    null,
                    null,
                    event.eventId(),
                    event.type(),
                    event.aggregateId(),
                    event.sequenceNumber());
        } catch (RuntimeException e) {
            String subject = header(record, "ce_subject");
            return new Delivery(
                    record,
                    null,
                    null,
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    header(record, "ce_id"),
                    header(record, "ce_type"),
                    subject != null ? subject : record.key(),
                    parseLong(header(record, "ce_" + CloudEventCodec.SEQUENCE_NUMBER)));
        }
    }

    public boolean isEvent() {
        return error == null && event != null;
    }

    public boolean isWatermark() {
        return error == null && watermark != null;
    }

    /** Unreadable, or refused by the projection: to park. */
    public boolean isPoison() {
        return error != null;
    }

    /** The same record, refused by the projection: parked with this error. */
    Delivery refused(String why) {
        return new Delivery(record, event, watermark, why, eventId, eventType, aggregateId, sequence);
    }

    /** An unreadable record whose headers say which sequence number it consumed. */
    boolean hasStreamCoordinates() {
        return aggregateId != null && sequence != null;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Long parseLong(String value) {
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
