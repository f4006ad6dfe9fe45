package io.budgetmonitor.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.EventTypes;
import io.budgetmonitor.api.wire.LogWatermark;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bookkeeping tables ({@code db/consumer/V161__event_consumer.sql}): loads what the {@link Sequencer}
 * needs for a batch's aggregates and writes back what it decided, each kind of change as one batched
 * statement, always inside the transaction that changes the read models.
 */
public class ConsumerStore {

    static final String HELD_COLUMNS = "aggregate_id, sequence_number, position, event_id, event_type, payload, "
            + "recorded_at, recorded_by, correlation_id, on_behalf_of, event_hash, prev_hash, kafka_partition, kafka_offset";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper = BudgetJson.mapper();

    public ConsumerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises consumers of the same partitions (two replicas during a rebalance, a crashed one whose
     * session lingers): the second waits for the first's commit and then sees its sequence numbers.
     */
    void lockPartitions(String topic, Collection<Integer> partitions) {
        for (int partition : new TreeSet<>(partitions)) {
            jdbc.query("select pg_advisory_xact_lock(hashtext(?), ?)", rs -> {}, topic, partition);
        }
    }

    /** Three queries for the whole batch; locks the aggregates' sequence rows. */
    Sequencer<RecordedEvent> load(Collection<String> aggregateIds) {
        String[] ids = aggregateIds.stream().sorted().toArray(String[]::new);
        Map<String, Long> last = new HashMap<>();
        Map<String, List<RecordedEvent>> held = new HashMap<>();
        Set<String> gaps = new HashSet<>();
        Map<String, List<Long>> parked = new HashMap<>();
        if (ids.length > 0) {
            jdbc.query(
                    "select aggregate_id, sequence_number from dead_letter where aggregate_id = any (?) "
                            + "and sequence_number is not null",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids)),
                    rs -> {
                        parked.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(rs.getLong(2));
                    });
            jdbc.query(
                    "select aggregate_id, last_sequence from consumer_sequence where aggregate_id = any (?) "
                            + "order by aggregate_id for update",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids)),
                    rs -> {
                        last.put(rs.getString(1), rs.getLong(2));
                    });
            jdbc.query(
                    "select " + HELD_COLUMNS + " from consumer_held_event where aggregate_id = any (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids)),
                    rs -> {
                        held.computeIfAbsent(rs.getString("aggregate_id"), k -> new ArrayList<>())
                                .add(heldEvent(rs));
                    });
            jdbc.query(
                    "select distinct aggregate_id from consumer_gap where aggregate_id = any (?) and resolved_at is null",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids)),
                    rs -> {
                        gaps.add(rs.getString(1));
                    });
        }
        Sequencer<RecordedEvent> sequencer = new Sequencer<>(RecordedEvent::aggregateId, RecordedEvent::sequenceNumber);
        for (String id : ids) {
            sequencer.load(
                    id,
                    last.getOrDefault(id, -1L),
                    held.getOrDefault(id, List.of()),
                    gaps.contains(id),
                    parked.getOrDefault(id, List.of()));
        }
        return sequencer;
    }

    /** Writes what the sequencer decided; {@code origin} names the record each newly held event came in. */
    void write(
            Sequencer<RecordedEvent> sequencer, Map<String, ConsumerRecord<String, byte[]>> origin, String resolution) {
        List<Object[]> sequences = new ArrayList<>();
        sequencer.advanced().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sequences.add(new Object[] {e.getKey(), e.getValue()}));
        batch(
                "insert into consumer_sequence (aggregate_id, last_sequence) values (?, ?) on conflict (aggregate_id) "
                        + "do update set last_sequence = greatest(consumer_sequence.last_sequence, excluded.last_sequence)",
                sequences);
        batch(
                "delete from consumer_held_event where aggregate_id = ? and sequence_number = ?",
                sequencer.storedHeldRemoved().stream()
                        .map(e -> new Object[] {e.aggregateId(), e.sequenceNumber()})
                        .toList());
        batch(
                "insert into consumer_held_event (" + HELD_COLUMNS + ") values (?,?,?,?,?,?::jsonb,?,?,?,?,?,?,?,?) "
                        + "on conflict do nothing",
                sequencer.newlyHeld().stream()
                        .map(e -> heldRow(e, origin.get(e.eventId())))
                        .toList());
        // close the stored gaps before inserting new ones: a gap opened after one closed must stay open
        batch(
                "update consumer_gap set resolved_at = now(), resolution = ? where aggregate_id = ? and resolved_at is null",
                sequencer.gapsClosed().stream()
                        .map(id -> new Object[] {resolution, id})
                        .toList());
        List<Object[]> gaps = new ArrayList<>();
        Map<String, Integer> lastGapOf = new HashMap<>();
        List<Sequencer.Gap<RecordedEvent>> opened = sequencer.gapsOpened();
        for (int i = 0; i < opened.size(); i++) {
            lastGapOf.put(opened.get(i).aggregateId(), i);
        }
        for (int i = 0; i < opened.size(); i++) {
            var g = opened.get(i);
            boolean stillOpen = lastGapOf.get(g.aggregateId()) == i && sequencer.gapOpen(g.aggregateId());
            gaps.add(new Object[] {
                g.aggregateId(),
                g.expected(),
                g.received(),
                g.event().eventId(),
                g.event().position(),
                !stillOpen,
                stillOpen ? null : resolution
            });
        }
        batch(
                "insert into consumer_gap (aggregate_id, expected_sequence, received_sequence, event_id, position, "
                        + "resolved_at, resolution) values (?, ?, ?, ?, ?, case when ? then now() end, ?)",
                gaps);
    }

    void watermarks(String topic, Collection<LogWatermark> marks) {
        Map<Integer, LogWatermark> highest = new HashMap<>();
        for (LogWatermark m : marks) {
            highest.merge(m.partition(), m, (a, b) -> a.publishedThrough() >= b.publishedThrough() ? a : b);
        }
        batch(
                "insert into consumer_partition (topic, kafka_partition, published_through, partitions) values (?,?,?,?) "
                        + "on conflict (topic, kafka_partition) do update set "
                        + "published_through = greatest(consumer_partition.published_through, excluded.published_through), "
                        + "partitions = excluded.partitions",
                highest.values().stream()
                        .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                        .map(m -> new Object[] {topic, m.partition(), m.publishedThrough(), m.partitions()})
                        .toList());
    }

    /**
     * The log position every event at or below which this reader has applied: the smallest watermark over
     * all partitions (−1 until every partition has sent one), and below any event still held.
     */
    public long position(String topic) {
        Long through = jdbc.queryForObject(
                "select case when count(*) > 0 and count(*) >= max(partitions) then min(published_through) else -1 end "
                        + "from consumer_partition where topic = ?",
                Long.class,
                topic);
        Long held = jdbc.queryForObject("select min(position) - 1 from consumer_held_event", Long.class);
        long position = through == null ? -1 : through;
        return held == null ? position : Math.min(position, held);
    }

    /** Parks a poison record; a redelivery of one already parked (its offset commit lost) parks nothing. */
    void park(Delivery d) {
        ConsumerRecord<String, byte[]> r = d.record();
        jdbc.update(
                "insert into dead_letter (topic, kafka_partition, kafka_offset, record_key, event_id, event_type, "
                        + "aggregate_id, sequence_number, position, payload, headers, error) values (?,?,?,?,?,?,?,?,?,?,?,?) "
                        + "on conflict (topic, kafka_partition, kafka_offset) where kafka_offset >= 0 do nothing",
                r.topic(),
                r.partition(),
                r.offset(),
                text(r.key()),
                text(d.eventId()),
                text(d.eventType()),
                text(d.aggregateId()),
                d.sequence(),
                d.event() == null ? null : d.event().position(),
                r.value(),
                text(headers(r)),
                text(d.error()));
    }

    /**
     * PostgreSQL text holds no NUL byte; a poison record's key, headers or error may. Escaped, so parking
     * cannot fail on the very record it exists for (the payload itself is kept as bytes).
     */
    static String text(String s) {
        return s == null ? null : s.replace("\u0000", "\\u0000");
    }

    /** Parks an event given up on after waiting for its predecessor (no record at hand: the held row's data). */
    void parkHeld(String topic, HeldEvent held, String error) {
        RecordedEvent e = held.event();
        jdbc.update(
                "insert into dead_letter (topic, kafka_partition, kafka_offset, record_key, event_id, event_type, "
                        + "aggregate_id, sequence_number, position, payload, error) values (?,?,?,?,?,?,?,?,?,?,?)",
                topic,
                held.partition() == null ? -1 : held.partition(),
                held.offset() == null ? -1 : held.offset(),
                e.aggregateId(),
                e.eventId(),
                e.type(),
                e.aggregateId(),
                e.sequenceNumber(),
                e.position(),
                json(e.event()).getBytes(StandardCharsets.UTF_8),
                text(error));
    }

    /** A held event as an operator sees it. */
    public record HeldEvent(RecordedEvent event, Integer partition, Long offset, Instant heldAt) {}

    public List<HeldEvent> held(int limit) {
        return jdbc.query(
                "select " + HELD_COLUMNS + ", held_at from consumer_held_event order by held_at, aggregate_id, "
                        + "sequence_number limit ?",
                (rs, i) -> heldRow(rs),
                limit);
    }

    List<HeldEvent> heldOf(String aggregateId) {
        return jdbc.query(
                "select " + HELD_COLUMNS
                        + ", held_at from consumer_held_event where aggregate_id = ? order by sequence_number",
                (rs, i) -> heldRow(rs),
                aggregateId);
    }

    /** Aggregates with an event held since before {@code now - wait}. */
    List<String> heldLongerThan(Duration wait) {
        return jdbc.queryForList(
                "select distinct aggregate_id from consumer_held_event where held_at < now() - ? * interval '1 millisecond'",
                String.class,
                wait.toMillis());
    }

    /** How many events are held and how long the oldest has waited (seconds; 0 when none). */
    public record HeldSummary(long count, long oldestSeconds) {}

    public HeldSummary heldSummary() {
        return jdbc.queryForObject(
                "select count(*), coalesce(extract(epoch from now() - min(held_at)), 0)::bigint from consumer_held_event",
                (rs, i) -> new HeldSummary(rs.getLong(1), rs.getLong(2)));
    }

    public long openGaps() {
        Long n = jdbc.queryForObject("select count(*) from consumer_gap where resolved_at is null", Long.class);
        return n == null ? 0 : n;
    }

    public long deadLetters() {
        Long n = jdbc.queryForObject("select count(*) from dead_letter", Long.class);
        return n == null ? 0 : n;
    }

    private HeldEvent heldRow(ResultSet rs) throws SQLException {
        int partition = rs.getInt("kafka_partition");
        Integer p = rs.wasNull() ? null : partition;
        long offset = rs.getLong("kafka_offset");
        Long o = rs.wasNull() ? null : offset;
        return new HeldEvent(heldEvent(rs), p, o, rs.getTimestamp("held_at").toInstant());
    }

    private RecordedEvent heldEvent(ResultSet rs) throws SQLException {
        String type = rs.getString("event_type");
        Class<? extends BudgetEvent> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new UnreadableEventException("held event of unknown type " + type));
        BudgetEvent event;
        try {
            event = mapper.readValue(rs.getString("payload"), eventClass);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("held event does not parse: " + e.getMessage(), e);
        }
        return new RecordedEvent(
                rs.getString("event_id"),
                rs.getString("aggregate_id"),
                rs.getLong("sequence_number"),
                rs.getLong("position"),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("recorded_by"),
                rs.getString("correlation_id"),
                event,
                rs.getString("on_behalf_of"),
                rs.getString("event_hash"),
                rs.getString("prev_hash"));
    }

    private Object[] heldRow(RecordedEvent e, ConsumerRecord<String, byte[]> from) {
        return new Object[] {
            e.aggregateId(),
            e.sequenceNumber(),
            e.position(),
            e.eventId(),
            e.type(),
            json(e.event()),
            Timestamp.from(e.recordedAt()),
            e.recordedBy(),
            e.correlationId(),
            e.onBehalfOf(),
            e.eventHash(),
            e.prevHash(),
            from == null ? null : from.partition(),
            from == null ? null : from.offset()
        };
    }

    private String json(BudgetEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String headers(ConsumerRecord<?, ?> record) {
        List<String> all = new ArrayList<>();
        for (Header h : record.headers()) {
            all.add(h.key() + "=" + (h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)));
        }
        return String.join("\n", all);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }
}
