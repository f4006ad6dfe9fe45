package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.scoring.consumption.StreamSequencer.Held;
import io.budgetmonitor.scoring.consumption.StreamSequencer.StoredHeld;
import io.budgetmonitor.scoring.consumption.StreamSequencer.Stream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Loads and writes the sequence state of a batch's aggregates (aggregate_progress, held_event,
 * consumer_gap) with a constant number of statements per batch instead of several per event.
 */
@Repository
class StreamProgressStore {

    private final JdbcTemplate jdbc;

    StreamProgressStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Three queries for the whole batch; locks the aggregates' progress rows like the one-by-one path. */
    StreamSequencer load(Collection<String> aggregateIds) {
        String[] ids = aggregateIds.stream().sorted().toArray(String[]::new);
        Map<String, Stream> streams = new HashMap<>();
        for (String id : ids) {
            streams.put(id, new Stream(id, -1));
        }
        jdbc.query(
                "SELECT aggregate_id, last_sequence FROM aggregate_progress WHERE aggregate_id = ANY(?) ORDER BY aggregate_id FOR UPDATE",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids)),
                rs -> {
                    streams.get(rs.getString(1)).last = rs.getLong(2);
                });
        jdbc.query(
                "SELECT * FROM held_event WHERE aggregate_id = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids)),
                rs -> {
                    StoredHeld stored = new StoredHeld(
                            rs.getString("aggregate_id"),
                            rs.getLong("sequence_number"),
                            rs.getString("event_id"),
                            rs.getLong("position"),
                            rs.getString("event_type"),
                            rs.getString("payload"),
                            rs.getTimestamp("recorded_at").toInstant(),
                            rs.getString("recorded_by"),
                            rs.getString("correlation_id"));
                    streams.get(stored.aggregateId()).held.put(stored.sequence(), new Held(stored, null));
                });
        jdbc.query(
                "SELECT DISTINCT aggregate_id FROM consumer_gap WHERE aggregate_id = ANY(?) AND resolved_at IS NULL",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids)),
                rs -> {
                    streams.get(rs.getString(1)).storedGapOpen = true;
                });
        return new StreamSequencer(streams);
    }

    /** Writes what the batch decided, each kind of change as one batched statement. */
    void write(StreamSequencer sequencer) {
        List<Object[]> progress = new ArrayList<>();
        List<Object[]> newlyHeld = new ArrayList<>();
        List<Stream> sorted = new ArrayList<>();
        sequencer.streams().forEach(sorted::add);
        sorted.sort((a, b) -> a.aggregateId.compareTo(b.aggregateId));
        for (Stream s : sorted) {
            if (s.advanced) {
                progress.add(new Object[] {s.aggregateId, s.last});
            }
            for (Held held : s.held.values()) {
                if (held.stored() == null) {
                    var e = held.event();
                    newlyHeld.add(new Object[] {
                        e.aggregateId(),
                        e.sequenceNumber(),
                        e.eventId(),
                        e.position(),
                        e.type(),
                        EventApplier.json(e.event()),
                        Timestamp.from(e.recordedAt()),
                        e.recordedBy(),
                        e.correlationId()
                    });
                }
            }
        }
        batch("""
                INSERT INTO aggregate_progress (aggregate_id, last_sequence) VALUES (?, ?)
                ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence""", progress);
        batch(
                "DELETE FROM held_event WHERE aggregate_id = ? AND sequence_number = ?",
                sequencer.drainedStored.stream()
                        .map(h -> new Object[] {h.aggregateId(), h.sequence()})
                        .toList());
        batch("""
                INSERT INTO held_event (aggregate_id, sequence_number, event_id, position, event_type, payload, recorded_at, recorded_by, correlation_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", newlyHeld);
        // close the stored gaps before inserting new ones: a gap opened after one closed must stay open
        batch(
                "UPDATE consumer_gap SET resolved_at = now() WHERE aggregate_id = ? AND resolved_at IS NULL",
                sequencer.storedGapsClosed.stream().map(id -> new Object[] {id}).toList());
        batch(
                """
                INSERT INTO consumer_gap (aggregate_id, expected_sequence, received_sequence, event_id, position, resolved_at)
                VALUES (?, ?, ?, ?, ?, CASE WHEN ? THEN now() END)""",
                sequencer.newGaps.stream()
                        .map(g ->
                                new Object[] {g.aggregateId, g.expected, g.received, g.eventId, g.position, g.resolved})
                        .toList());
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }
}
