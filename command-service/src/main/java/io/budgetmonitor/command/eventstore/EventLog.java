package io.budgetmonitor.command.eventstore;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Log positions (the global index of {@code domain_event_entry}) that responses report, so a client
 * can wait until a reader has applied its write (read-your-writes).
 */
@Component
public class EventLog {

    private final JdbcTemplate jdbc;

    public EventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The position of the latest of these events, or of the whole log when none is given. */
    public long positionOf(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return head();
        }
        Long position = jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE event_identifier = ANY (?)",
                Long.class,
                (Object) eventIds.toArray(String[]::new));
        return position == null ? head() : position;
    }

    /** The position of the latest event of one aggregate (e.g. the line a repeated voucher is on). */
    public long positionOfAggregate(String aggregateId) {
        return jdbc
                .query(
                        "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                                + "ORDER BY sequence_number DESC LIMIT 1",
                        (rs, row) -> rs.getLong(1),
                        aggregateId)
                .stream()
                .findFirst()
                .orElseGet(this::head);
    }

    /**
     * Where each of these stored events sits, by event id: its global index (log position) and its link
     * in its aggregate's hash chain (hex), as the database computed them at insert.
     */
    public Map<String, StoredPlace> placesOf(Collection<String> eventIds) {
        Map<String, StoredPlace> places = new HashMap<>();
        jdbc.query(
                "SELECT event_identifier, global_index, encode(event_hash, 'hex'), encode(prev_hash, 'hex') "
                        + "FROM domain_event_entry WHERE event_identifier = ANY (?)",
                (RowCallbackHandler) row -> places.put(
                        row.getString(1), new StoredPlace(row.getLong(2), row.getString(3), row.getString(4))),
                (Object) eventIds.toArray(String[]::new));
        return places;
    }

    /**
     * @param position  the global index
     * @param eventHash hex SHA-256 of the event's canonical bytes and its predecessor's hash
     * @param prevHash  hex hash of the aggregate's previous event, null for its first
     */
    public record StoredPlace(long position, String eventHash, String prevHash) {}

    /** The position of the latest event in the log (0 when empty). */
    public long head() {
        Long position =
                jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return position == null ? 0 : position;
    }
}
