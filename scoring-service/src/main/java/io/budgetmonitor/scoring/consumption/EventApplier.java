package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.EventTypes;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.UnreadableEventException;
import io.budgetmonitor.scoring.inputs.InputsProjector;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exactly-once effect over at-least-once delivery. In the caller's transaction it compares the event's
 * sequence number with the last one applied for its aggregate: a redelivery (seq ≤ last) is a no-op;
 * the next one (last + 1) is applied and the sequence advanced in the same transaction; a later one
 * (a gap) is held, the gap recorded, logged and counted, and applied once the missing events arrive.
 */
@Component
public class EventApplier {

    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);

    private final JdbcTemplate jdbc;
    private final InputsProjector projector;
    private final ConsumerPositionRepository position;
    private final ConsumerMetrics metrics;

    public EventApplier(
            JdbcTemplate jdbc,
            InputsProjector projector,
            ConsumerPositionRepository position,
            ConsumerMetrics metrics) {
        this.jdbc = jdbc;
        this.projector = projector;
        this.position = position;
        this.metrics = metrics;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public ApplyOutcome apply(RecordedEvent event) {
        long last = lastSequence(event.aggregateId());
        long seq = event.sequenceNumber();
        if (seq <= last) {
            metrics.duplicates.increment();
            log.debug("duplicate {} seq {} of {} (last applied {})", event.eventId(), seq, event.aggregateId(), last);
            return ApplyOutcome.DUPLICATE;
        }
        if (seq > last + 1) {
            hold(event, last + 1);
            return ApplyOutcome.HELD;
        }
        applyInOrder(event);
        drainHeld(event.aggregateId(), seq + 1);
        return ApplyOutcome.APPLIED;
    }

    /**
     * Marks a sequence number consumed without applying it (its message was parked as a dead letter), so
     * the aggregate's later events are not held forever behind it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void skipParked(String aggregateId, long sequence) {
        long last = lastSequence(aggregateId);
        if (sequence == last + 1) {
            advance(aggregateId, sequence);
            drainHeld(aggregateId, sequence + 1);
        }
    }

    private void applyInOrder(RecordedEvent event) {
        projector.apply(event);
        advance(event.aggregateId(), event.sequenceNumber());
        position.advance(event.position());
        metrics.applied.increment();
    }

    private void advance(String aggregateId, long sequence) {
        jdbc.update("""
                INSERT INTO aggregate_progress (aggregate_id, last_sequence) VALUES (?, ?)
                ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence""", aggregateId, sequence);
    }

    private long lastSequence(String aggregateId) {
        List<Long> last = jdbc.queryForList(
                "SELECT last_sequence FROM aggregate_progress WHERE aggregate_id = ? FOR UPDATE",
                Long.class,
                aggregateId);
        return last.isEmpty() ? -1 : last.get(0);
    }

    private void hold(RecordedEvent event, long expected) {
        int inserted = jdbc.update(
                """
                INSERT INTO held_event (aggregate_id, sequence_number, event_id, position, event_type, payload, recorded_at, recorded_by, correlation_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.aggregateId(),
                event.sequenceNumber(),
                event.eventId(),
                event.position(),
                event.type(),
                json(event.event()),
                Timestamp.from(event.recordedAt()),
                event.recordedBy(),
                event.correlationId());
        if (inserted == 0) {
            metrics.duplicates.increment();
            return;
        }
        metrics.held.increment();
        Integer open = jdbc.queryForObject(
                "SELECT count(*) FROM consumer_gap WHERE aggregate_id = ? AND resolved_at IS NULL",
                Integer.class,
                event.aggregateId());
        if (open == null || open == 0) {
            jdbc.update(
                    "INSERT INTO consumer_gap (aggregate_id, expected_sequence, received_sequence, event_id, position) VALUES (?, ?, ?, ?, ?)",
                    event.aggregateId(),
                    expected,
                    event.sequenceNumber(),
                    event.eventId(),
                    event.position());
            metrics.gaps.increment();
            log.warn(
                    "sequence gap in {}: expected {}, received {} (event {}, position {}); holding it until the missing events arrive",
                    event.aggregateId(),
                    expected,
                    event.sequenceNumber(),
                    event.eventId(),
                    event.position());
        }
    }

    private void drainHeld(String aggregateId, long next) {
        while (true) {
            List<RecordedEvent> held = jdbc.query(
                    "SELECT * FROM held_event WHERE aggregate_id = ? AND sequence_number = ?",
                    (rs, i) -> new RecordedEvent(
                            rs.getString("event_id"),
                            aggregateId,
                            rs.getLong("sequence_number"),
                            rs.getLong("position"),
                            rs.getTimestamp("recorded_at").toInstant(),
                            rs.getString("recorded_by"),
                            rs.getString("correlation_id"),
                            parse(rs.getString("event_type"), rs.getString("payload"))),
                    aggregateId,
                    next);
            if (held.isEmpty()) {
                break;
            }
            jdbc.update("DELETE FROM held_event WHERE aggregate_id = ? AND sequence_number = ?", aggregateId, next);
            applyInOrder(held.get(0));
            next++;
        }
        Integer remaining = jdbc.queryForObject(
                "SELECT count(*) FROM held_event WHERE aggregate_id = ?", Integer.class, aggregateId);
        if (remaining != null && remaining == 0) {
            int resolved = jdbc.update(
                    "UPDATE consumer_gap SET resolved_at = now() WHERE aggregate_id = ? AND resolved_at IS NULL",
                    aggregateId);
            if (resolved > 0) {
                log.info("sequence gap in {} closed; held events applied", aggregateId);
            }
        }
    }

    static String json(BudgetEvent event) {
        try {
            return BudgetJson.mapper().writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static BudgetEvent parse(String type, String payload) {
        Class<? extends BudgetEvent> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new UnreadableEventException("held event of unknown type " + type));
        try {
            return BudgetJson.mapper().readValue(payload, eventClass);
        } catch (IOException e) {
            throw new UnreadableEventException("held event does not parse: " + e.getMessage(), e);
        }
    }
}
