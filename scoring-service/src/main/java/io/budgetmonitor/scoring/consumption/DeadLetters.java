package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.api.wire.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** 死信: parks a poison message with its error so an operator can inspect and replay it. */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcTemplate jdbc;
    private final ConsumerMetrics metrics;

    public DeadLetters(JdbcTemplate jdbc, ConsumerMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    public void park(
            ConsumerRecord<String, byte[]> record,
            RecordedEvent decoded,
            String aggregateId,
            Long sequence,
            Throwable error) {
        insert(record, decoded, aggregateId, sequence, error);
        announce(record, error);
    }

    /** Stores the dead letter only; the batch path announces it once its transaction committed. */
    void insert(
            ConsumerRecord<String, byte[]> record,
            RecordedEvent decoded,
            String aggregateId,
            Long sequence,
            Throwable error) {
        jdbc.update(
                """
                INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, kafka_key, event_id, event_type, aggregate_id,
                  sequence_number, position, payload, headers, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                decoded == null ? header(record, "ce_id") : decoded.eventId(),
                decoded == null ? header(record, "ce_type") : decoded.type(),
                aggregateId,
                sequence,
                decoded == null ? null : decoded.position(),
                record.value(),
                headers(record),
                message(error));
    }

    /** Counts and logs a parked message (after the fact: a rolled-back attempt must not count). */
    void announce(ConsumerRecord<String, byte[]> record, Throwable error) {
        String message = message(error);
        metrics.deadLetters.increment();
        log.error(
                "parked poison message {}-{}@{} (key {}): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                message);
    }

    private static String message(Throwable error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM dead_letter", Long.class);
        return count == null ? 0 : count;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String headers(ConsumerRecord<?, ?> record) {
        List<String> all = new ArrayList<>();
        for (Header h : record.headers()) {
            all.add(h.key() + "=" + (h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)));
        }
        return String.join("\n", all);
    }
}
