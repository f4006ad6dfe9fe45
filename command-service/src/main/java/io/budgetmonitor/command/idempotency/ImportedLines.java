package io.budgetmonitor.command.idempotency;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The lines of a keyed import that are stored (已导入行, table {@code imported_line}): an import sent
 * again with the same {@code Idempotency-Key}, after a broken connection or a timeout, skips them and
 * applies only the rest. Without it a re-sent file would apply its adjustments and transfers twice
 * (only disbursements carry a key of their own, the voucher). Rows are written in the batch's own
 * transaction, so a line counts as imported exactly when its events are stored.
 */
@Component
public class ImportedLines {

    private final JdbcTemplate jdbc;

    public ImportedLines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored line: its number in the file (from 1) and the fingerprint of its command. */
    public record ImportedLine(long line, String fingerprint) {}

    /** The lines earlier imports under {@code importKey} stored, read as the import advances. */
    public StoredLines storedUnder(String importKey) {
        return new StoredLines(importKey);
    }

    /**
     * The fingerprints of stored lines, read a window at a time in line order: an import of any size
     * sent again keeps its memory flat. Asked for lines in increasing order (as an import reads them).
     */
    public final class StoredLines {
        private static final int WINDOW = 5_000;
        private final String importKey;
        private final Map<Long, String> window = new HashMap<>();
        /** Every stored line up to here is in {@link #window}. */
        private long loadedUpTo = 0;

        private StoredLines(String importKey) {
            this.importKey = importKey;
        }

        /** The fingerprint line {@code line} was stored with, or {@code null} if it was not. */
        public String fingerprintOf(long line) {
            if (line > loadedUpTo) {
                window.clear();
                long[] last = {0};
                jdbc.query(
                        "SELECT line_number, fingerprint FROM imported_line WHERE import_key = ? AND line_number >= ? "
                                + "ORDER BY line_number LIMIT " + WINDOW,
                        (RowCallbackHandler) row -> {
                            last[0] = row.getLong(1);
                            window.put(last[0], row.getString(2));
                        },
                        importKey,
                        line);
                loadedUpTo = window.size() < WINDOW ? Long.MAX_VALUE : last[0];
            }
            return window.get(line);
        }
    }

    /**
     * Records lines in the caller's transaction. A concurrent import under the same key that stored
     * the same line first makes this fail on the primary key, and with it the caller's batch.
     */
    public void record(String importKey, List<ImportedLine> lines) {
        jdbc.batchUpdate(
                "INSERT INTO imported_line (import_key, line_number, fingerprint) VALUES (?, ?, ?)",
                lines,
                lines.size(),
                (statement, line) -> {
                    statement.setString(1, importKey);
                    statement.setLong(2, line.line());
                    statement.setString(3, line.fingerprint());
                });
    }

    /** Deletes the lines of imports older than {@code retention}; returns how many. */
    public int forgetOlderThan(Duration retention) {
        return jdbc.update("DELETE FROM imported_line WHERE created_at < now() - make_interval(secs => ?)", (double)
                retention.toSeconds());
    }
}
