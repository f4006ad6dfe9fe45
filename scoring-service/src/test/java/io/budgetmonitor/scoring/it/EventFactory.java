package io.budgetmonitor.scoring.it;

import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Stamps events as the command-service would: ids, per-aggregate sequence numbers, log positions. */
public final class EventFactory {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final Map<String, Long> sequences = new HashMap<>();
    private final AtomicLong position;

    public EventFactory(long firstPosition) {
        this.position = new AtomicLong(firstPosition - 1);
    }

    public synchronized RecordedEvent record(BudgetEvent event) {
        long seq = sequences.merge(event.aggregateId(), 0L, (a, b) -> a + 1);
        return new RecordedEvent(
                UUID.randomUUID().toString(),
                event.aggregateId(),
                seq,
                position.incrementAndGet(),
                Instant.parse("2021-12-31T08:00:00Z"),
                "tester",
                "corr-1",
                event);
    }

    public CloudEvent encode(RecordedEvent recorded) {
        return codec.encode(recorded);
    }

    /** The record as the Kafka consumer would hand it over (binary-mode headers, byte[] value). */
    public ConsumerRecord<String, byte[]> consumerRecord(RecordedEvent recorded, long offset) {
        RecordHeaders headers = new RecordHeaders();
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            byte[] value = serializer.serialize("budget.events.v1", headers, encode(recorded));
            ConsumerRecord<String, byte[]> record =
                    new ConsumerRecord<>("budget.events.v1", 0, offset, recorded.aggregateId(), value);
            headers.forEach(h -> record.headers().add(h));
            return record;
        }
    }

    public long lastPosition() {
        return position.get();
    }
}
