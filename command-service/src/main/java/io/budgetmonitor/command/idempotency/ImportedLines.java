package io.budgetmonitor.command.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    public record ImportedLine(long line, String fingerprint) {
    }

    /** Line number → fingerprint of the lines stored by earlier imports under this key. */
    public Map<Long, String> storedUnder(String importKey) {
        Map<Long, String> lines = new HashMap<>();
        jdbc.query("SELECT line_number, fingerprint FROM imported_line WHERE import_key = ?",
                (RowCallbackHandler) row -> lines.put(row.getLong(1), row.getString(2)), importKey);
        return lines;
    }

    /**
     * Records lines in the caller's transaction. A concurrent import under the same key that stored
     * the same line first makes this fail on the primary key, and with it the caller's batch.
     */
    public void record(String importKey, List<ImportedLine> lines) {
        jdbc.batchUpdate("INSERT INTO imported_line (import_key, line_number, fingerprint) VALUES (?, ?, ?)", lines,
                lines.size(), (statement, line) -> {
                    statement.setString(1, importKey);
                    statement.setLong(2, line.line());
                    statement.setString(3, line.fingerprint());
                });
    }

    /** Deletes the lines of imports older than {@code retention}; returns how many. */
    public int forgetOlderThan(Duration retention) {
        return jdbc.update("DELETE FROM imported_line WHERE created_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
    }
}
