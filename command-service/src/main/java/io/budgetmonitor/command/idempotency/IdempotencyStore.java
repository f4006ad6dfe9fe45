package io.budgetmonitor.command.idempotency;

import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code idempotency_key} table (幂等键). A request first reserves its key (committed at once, so a
 * concurrent twin sees it), then completes it with the response it gave.
 */
@Component
public class IdempotencyStore {

    private final JdbcTemplate jdbc;
    private final Duration inProgressTimeout;

    public IdempotencyStore(
            JdbcTemplate jdbc, @Value("${budget.idempotency.in-progress-timeout:PT2M}") Duration inProgressTimeout) {
        this.jdbc = jdbc;
        this.inProgressTimeout = inProgressTimeout;
    }

    /** What a reservation found. */
    public sealed interface Reservation {
        /** The key is ours: run the request, then {@link #complete} or {@link #release}. */
        record Reserved() implements Reservation {}

        /** The key was used before for the same request: answer with its response. */
        record Replay(int status, String body) implements Reservation {}

        /** The key was used before for a different request. */
        record Mismatch() implements Reservation {}

        /** The same request with this key is running right now. */
        record InProgress() implements Reservation {}
    }

    public Reservation reserve(String key, String fingerprint) {
        int inserted = jdbc.update(
                "INSERT INTO idempotency_key (key, request_fingerprint) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                key,
                fingerprint);
        if (inserted == 1) {
            return new Reservation.Reserved();
        }
        Optional<Row> row = find(key);
        if (row.isEmpty()) {
            return reserve(key, fingerprint); // released between our insert and read
        }
        Row existing = row.get();
        if (!existing.fingerprint().equals(fingerprint)) {
            return new Reservation.Mismatch();
        }
        if (existing.status() != null) {
            return new Reservation.Replay(existing.status(), existing.body());
        }
        // a reservation left by a crashed request may be taken over after a while
        int taken = jdbc.update(
                "UPDATE idempotency_key SET created_at = now() WHERE key = ? AND status IS NULL "
                        + "AND created_at < now() - make_interval(secs => ?)",
                key,
                (double) inProgressTimeout.toSeconds());
        return taken == 1 ? new Reservation.Reserved() : new Reservation.InProgress();
    }

    public void complete(String key, int status, String body) {
        jdbc.update("UPDATE idempotency_key SET status = ?, response_body = ? WHERE key = ?", status, body, key);
    }

    /** Forgets a reservation whose request failed for a reason worth trying again (e.g. 5xx). */
    public void release(String key) {
        jdbc.update("DELETE FROM idempotency_key WHERE key = ? AND status IS NULL", key);
    }

    /** Deletes the keys older than {@code retention}, finished or abandoned; returns how many. */
    public int forgetOlderThan(Duration retention) {
        return jdbc.update("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)", (double)
                retention.toSeconds());
    }

    private Optional<Row> find(String key) {
        return jdbc
                .query(
                        "SELECT request_fingerprint, status, response_body FROM idempotency_key WHERE key = ?",
                        (rs, i) -> new Row(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3)),
                        key)
                .stream()
                .findFirst();
    }

    private record Row(String fingerprint, Integer status, String body) {}
}
