package io.budgetmonitor.api.wire;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * 发布水位: "every event with a log position ≤ {@code publishedThrough} is on the topic before this
 * record". The publisher sends one to every partition of {@code budget.events.v1} after each acknowledged
 * batch; a reader that has handled the watermark of every partition has handled every event up to the
 * smallest of them, whatever partition each event went to. That makes a command's position and a
 * reader's position comparable with any number of partitions (the read-your-writes barrier).
 *
 * <p>Travels as a CloudEvent of type {@link #TYPE} with no data: readers that do not know it park it
 * (a dead letter, the stream goes on), readers that know it never treat it as a budget event.
 *
 * @param publishedThrough every event at or below this log position has been published
 * @param partitions       the topic's partition count when it was sent, so a reader knows how many
 *                         partitions' watermarks it must have before the minimum means anything
 * @param partition        the partition this copy is sent to
 */
public record LogWatermark(long publishedThrough, int partitions, int partition) {

    public static final String TYPE = "io.budgetmonitor.LogWatermark.v1";
    public static final URI SOURCE = URI.create("urn:budget-monitor:command-service:publisher");
    static final String PUBLISHED_THROUGH = "publishedthrough";
    static final String PARTITIONS = "partitions";
    static final String PARTITION = "partition";

    public static boolean isWatermark(CloudEvent cloudEvent) {
        return TYPE.equals(cloudEvent.getType());
    }

    public CloudEvent toCloudEvent(Instant at) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(SOURCE)
                .withType(TYPE)
                .withTime(at.atOffset(ZoneOffset.UTC))
                .withExtension(PUBLISHED_THROUGH, publishedThrough)
                .withExtension(PARTITIONS, partitions)
                .withExtension(PARTITION, partition)
                .build();
    }

    /** @throws UnreadableEventException when an attribute is missing or not a number */
    public static LogWatermark of(CloudEvent cloudEvent) {
        try {
            return new LogWatermark(number(cloudEvent, PUBLISHED_THROUGH), (int) number(cloudEvent, PARTITIONS), (int)
                    number(cloudEvent, PARTITION));
        } catch (RuntimeException e) {
            throw new UnreadableEventException(
                    "watermark " + cloudEvent.getId() + " is malformed: " + e.getMessage(), e);
        }
    }

    /** One watermark record per partition of {@code topic} (key null: the partition is explicit). */
    public static List<ProducerRecord<String, CloudEvent>> forEveryPartition(
            String topic, int partitions, long publishedThrough, Instant at) {
        List<ProducerRecord<String, CloudEvent>> records = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            records.add(new ProducerRecord<>(
                    topic, p, null, new LogWatermark(publishedThrough, partitions, p).toCloudEvent(at)));
        }
        return records;
    }

    private static long number(CloudEvent cloudEvent, String name) {
        Object value = cloudEvent.getExtension(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }
}
