package io.budgetmonitor.query.consumption;

import io.budgetmonitor.api.wire.RecordedEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The consumer's own tables: last applied sequence per aggregate, held events and gaps, dead letters,
 * position. Always called inside the transaction that changes the read models.
 */
@Component
class StreamBookkeeping {
    private final JdbcTemplate jdbc;
    private final EventLog eventLog;

    StreamBookkeeping(JdbcTemplate jdbc, EventLog eventLog) {
        this.jdbc = jdbc;
        this.eventLog = eventLog;
    }

    Map<String, Long> lastSequences(Collection<String> aggregates) {
        Map<String, Long> last = new HashMap<>();
        if (aggregates.isEmpty()) {
            return last;
        }
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement(
                            "select aggregate_id, last_sequence from applied_sequence where aggregate_id = any (?)");
                    ps.setArray(1, con.createArrayOf("text", aggregates.toArray()));
                    return ps;
                },
                rs -> {
                    last.put(rs.getString(1), rs.getLong(2));
                });
        return last;
    }

    void saveSequences(Map<String, Long> changed) {
        if (changed.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "insert into applied_sequence (aggregate_id, last_sequence) values (?, ?) "
                        + "on conflict (aggregate_id) do update set last_sequence = greatest(applied_sequence.last_sequence, excluded.last_sequence)",
                changed.entrySet().stream()
                        .map(e -> new Object[] {e.getKey(), e.getValue()})
                        .toList());
    }

    void advancePosition(long position) {
        jdbc.update("update consumer_position set position = greatest(position, ?) where id = 1", position);
    }

    long position() {
        Long p = jdbc.queryForObject("select position from consumer_position where id = 1", Long.class);
        return p == null ? -1 : p;
    }

    /** Holds an event that arrived ahead of a missing predecessor, and records the gap once. */
    void hold(RecordedEvent event, long expected) {
        eventLog.insert("held_event", List.of(event), "on conflict do nothing");
        jdbc.update(
                "insert into consumer_gap (aggregate_id, expected_sequence, received_sequence, event_id) "
                        + "select ?, ?, ?, ? where not exists (select 1 from consumer_gap where aggregate_id = ? "
                        + "and expected_sequence = ? and resolved_at is null)",
                event.aggregateId(),
                expected,
                event.sequenceNumber(),
                event.eventId(),
                event.aggregateId(),
                expected);
    }

    List<String> aggregatesWithHeldEvents() {
        return jdbc.queryForList("select distinct aggregate_id from held_event", String.class);
    }

    Optional<RecordedEvent> takeHeld(String aggregate, long sequence) {
        List<RecordedEvent> found = jdbc.query(
                "select " + EventLog.COLUMNS + " from held_event where aggregate_id = ? " + "and sequence_number = ?",
                eventLog.rowMapper(),
                aggregate,
                sequence);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("delete from held_event where aggregate_id = ? and sequence_number = ?", aggregate, sequence);
        return Optional.of(found.get(0));
    }

    boolean hasHeld(String aggregate) {
        Boolean any = jdbc.queryForObject(
                "select exists (select 1 from held_event where aggregate_id = ?)", Boolean.class, aggregate);
        return Boolean.TRUE.equals(any);
    }

    void resolveGaps(String aggregate, long appliedThrough) {
        jdbc.update(
                "update consumer_gap set resolved_at = now() where aggregate_id = ? and resolved_at is null "
                        + "and expected_sequence <= ?",
                aggregate,
                appliedThrough);
    }

    void park(Incoming incoming, String error) {
        var r = incoming.record();
        jdbc.update(
                "insert into dead_letter (topic, kafka_partition, kafka_offset, record_key, event_id, event_type, "
                        + "aggregate_id, sequence_number, payload, error) values (?,?,?,?,?,?,?,?,?,?)",
                r.topic(),
                r.partition(),
                r.offset(),
                r.key(),
                incoming.eventId(),
                incoming.eventType(),
                incoming.aggregateId(),
                incoming.sequenceNumber(),
                // PostgreSQL text holds no NUL: unescaped, a binary record could not be parked, and the
                // container discarded its whole batch, real events with it (found by FaultSuiteIT)
                r.value() == null
                        ? null
                        : new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).replace("\u0000", "\\u0000"),
                error);
    }

    long unresolvedGaps() {
        Long n = jdbc.queryForObject("select count(*) from consumer_gap where resolved_at is null", Long.class);
        return n == null ? 0 : n;
    }
}
