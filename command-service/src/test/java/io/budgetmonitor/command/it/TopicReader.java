package io.budgetmonitor.command.it;

import io.budgetmonitor.api.wire.LogWatermark;
import io.budgetmonitor.api.wire.Topics;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain Kafka consumer of {@code budget.events.v1} from the beginning, as any CloudEvents reader would be. */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, CloudEvent> consumer;
    private final List<ConsumerRecord<String, CloudEvent>> seen = new ArrayList<>();
    private long watermark = -1;

    TopicReader(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                CloudEventDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.BUDGET_EVENTS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until {@code done} holds for what was read so far (or the timeout passes), returns everything read. */
    List<ConsumerRecord<String, CloudEvent>> readUntil(
            Predicate<List<ConsumerRecord<String, CloudEvent>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(200))) {
                if (!isWatermark(record)) {
                    seen.add(record);
                } else {
                    watermark = Math.max(watermark, publishedThrough(record));
                }
            }
        }
        return List.copyOf(seen);
    }

    /**
     * Reads for this long (or until the highest log watermark read reaches {@code atLeast}) and returns the
     * highest watermark read: every event at or below it is on the topic, the publisher claims.
     */
    long watermarkAfter(Duration timeout, long atLeast) {
        readUntil(all -> watermark >= atLeast, timeout);
        return watermark;
    }

    /**
     * The log watermarks the publisher sends to every partition after each batch carry no data (the value is
     * null once decoded): they are not events, and the tests here read events.
     */
    private static boolean isWatermark(ConsumerRecord<String, CloudEvent> record) {
        Header type = record.headers().lastHeader("ce_type");
        return type != null && LogWatermark.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8));
    }

    /** A watermark's claim, from its header (binary mode; its value, no data, may decode to nothing). */
    private static long publishedThrough(ConsumerRecord<String, CloudEvent> record) {
        Header through = record.headers().lastHeader("ce_publishedthrough");
        return Long.parseLong(new String(through.value(), StandardCharsets.UTF_8));
    }

    static List<ConsumerRecord<String, CloudEvent>> forKeyPrefix(
            List<ConsumerRecord<String, CloudEvent>> records, String prefix) {
        return records.stream()
                .filter(r -> r.key() != null && r.key().startsWith(prefix))
                .toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
