package io.budgetmonitor.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One message to publish: what becomes a CloudEvent (binary mode) on {@code topic}, keyed by {@code key}.
 *
 * @param topic   the Kafka topic
 * @param key     the record key: messages with the same key are published in the order they were written
 * @param id      the CloudEvents id: stable, derived from what the message announces (an alert transition's id,
 *                a snapshot's id), so a reader that sees it twice knows it is the same message
 * @param type    the CloudEvents type (the {@code ce_type} header a reader dispatches on)
 * @param subject the CloudEvents subject, or null
 * @param time    when what it announces happened
 * @param data    the payload, JSON
 */
public record OutboxMessage(
        String topic, String key, String id, String type, String subject, Instant time, byte[] data) {

    public OutboxMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }
}
