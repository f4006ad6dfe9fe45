package io.budgetmonitor.query.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.EventTypes;
import io.budgetmonitor.api.wire.RecordedEvent;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The service's copy of the event log (事件日志). Rows keep the event as JSON plus the metadata an
 * auditor asks about (business date, recording instant, recorder and whom it claimed to record for,
 * correlation id, the hash chain link); history, as-of
 * queries and rebuilds fold events read back from here.
 */
@Component
public class EventLog {
    public static final String COLUMNS = "position, event_id, aggregate_id, sequence_number, event_type, department, "
            + "fiscal_year, occurred_on, recorded_at, recorded_by, correlation_id, payload, on_behalf_of, "
            + "event_hash, prev_hash";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper = BudgetJson.mapper();
    private final Map<String, ObjectReader> readers = new ConcurrentHashMap<>();

    public EventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void append(List<RecordedEvent> events) {
        // only a redelivery of the same event is expected here; any other clash (a position reused) must fail loudly
        insert("event_log", events, "on conflict (event_id) do nothing");
    }

    public void insert(String table, List<RecordedEvent> events, String conflict) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(events.size());
        for (RecordedEvent e : events) {
            rows.add(row(e));
        }
        jdbc.batchUpdate(
                "insert into " + table + " (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?::jsonb,?,?,?) " + conflict,
                rows);
    }

    Object[] row(RecordedEvent e) {
        BudgetEvent event = e.event();
        return new Object[] {
            e.position(),
            e.eventId(),
            e.aggregateId(),
            e.sequenceNumber(),
            event.getClass().getSimpleName(),
            event.department(),
            event.fiscalYear(),
            java.sql.Date.valueOf(event.occurredOn()),
            Timestamp.from(e.recordedAt()),
            e.recordedBy(),
            e.correlationId(),
            json(event),
            e.onBehalfOf(),
            e.eventHash(),
            e.prevHash()
        };
    }

    private String json(BudgetEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a row written by {@link #row} back into the event it was. */
    public RowMapper<RecordedEvent> rowMapper() {
        return (rs, i) -> read(rs);
    }

    public RecordedEvent read(ResultSet rs) throws SQLException {
        // the driver's UTF-8 bytes of the jsonb text, parsed as bytes: no String in between (a rebuild's
        // profile had a third of its time in decoding the payload twice and in getTimestamp's Calendar)
        BudgetEvent event = decode(rs.getString("event_id"), rs.getString("event_type"), rs.getBytes("payload"));
        return new RecordedEvent(
                rs.getString("event_id"),
                rs.getString("aggregate_id"),
                rs.getLong("sequence_number"),
                rs.getLong("position"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("recorded_by"),
                rs.getString("correlation_id"),
                event,
                rs.getString("on_behalf_of"),
                rs.getString("event_hash"),
                rs.getString("prev_hash"));
    }

    /** The event a row's {@code event_type} and {@code payload} (the jsonb's UTF-8 text) store. */
    public BudgetEvent decode(String eventId, String eventType, byte[] payload) {
        try {
            return readers.computeIfAbsent(eventType, this::readerOf).readValue(payload);
        } catch (IOException e) {
            throw new IllegalStateException("stored event " + eventId + " does not parse", e);
        }
    }

    private ObjectReader readerOf(String eventType) {
        Class<? extends BudgetEvent> type =
                EventTypes.classOf(eventType).orElseThrow(() -> new IllegalStateException("unknown stored event type"));
        return mapper.readerFor(type);
    }

    /** Events of a department-year known at {@code knownAt} with a business date on or before {@code asOf}. */
    public List<RecordedEvent> departmentYear(String department, int year, LocalDate asOf, Instant knownAt) {
        return jdbc.query(
                "select " + COLUMNS + " from event_log where department = ? and fiscal_year = ? "
                        + "and occurred_on <= ? and recorded_at <= ? order by position",
                rowMapper(),
                department,
                year,
                java.sql.Date.valueOf(asOf),
                Timestamp.from(knownAt));
    }

    /** Events of a department-year of the given types ({@code DisbursementRecorded}, …), in log order. */
    public List<RecordedEvent> departmentYearOfTypes(String department, int year, List<String> types) {
        return jdbc.query(
                "select " + COLUMNS + " from event_log where department = ? and fiscal_year = ? "
                        + "and event_type = any (?) order by position",
                rowMapper(),
                department,
                year,
                types.toArray(new String[0]));
    }

    public boolean hasDepartment(String department) {
        Boolean exists = jdbc.queryForObject(
                "select exists (select 1 from event_log where department = ?)", Boolean.class, department);
        return Boolean.TRUE.equals(exists);
    }

    /** What a fold needs of a stored event, its payload not yet decoded ({@link #decode}). */
    public record Payload(long position, String eventId, String eventType, byte[] payload) {}

    /**
     * Streams every event after {@code afterPosition} in log order with only the columns a fold reads, through a
     * server-side cursor (call it in a transaction): a rebuild decodes them elsewhere, off the reading thread.
     */
    public void forEachPayloadAfter(long afterPosition, Consumer<Payload> consumer) {
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("select position, event_id, event_type, payload from event_log"
                            + " where position > ? order by position");
                    ps.setLong(1, afterPosition);
                    ps.setFetchSize(5000);
                    return ps;
                },
                rs -> {
                    consumer.accept(new Payload(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
                });
    }

    public long maxPosition() {
        Long max = jdbc.queryForObject("select coalesce(max(position), -1) from event_log", Long.class);
        return max == null ? -1 : max;
    }
}
