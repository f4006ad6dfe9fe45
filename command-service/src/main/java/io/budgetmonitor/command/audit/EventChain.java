package io.budgetmonitor.command.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hash chains of the event store (哈希链), read for audits. Verification streams the store in
 * (aggregate, sequence number) order through a server-side cursor: a few thousand rows in memory at
 * a time, whatever the size of the log. Snapshots are not read: they are derived state, rewritten by
 * Axon, and prove nothing.
 */
@Component
public class EventChain {

    private static final int FETCH_SIZE = 1000;
    private static final String COLUMNS =
            "global_index, event_identifier, aggregate_identifier, sequence_number, type, "
                    + "time_stamp, payload_type, payload_revision, payload, meta_data, event_hash, prev_hash";

    private final JdbcTemplate jdbc;
    /** The walk is one statement, hence one snapshot; the transaction is there for the cursor. */
    private final TransactionTemplate cursor;
    /** The head is two statements that must see the same log. */
    private final TransactionTemplate snapshot;

    public EventChain(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.cursor = new TransactionTemplate(transactions);
        cursor.setReadOnly(true);
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Walks every chain in scope and stops at the first broken link. */
    public Verification verify(AuditScope scope) {
        return cursor.execute(status -> jdbc.query(
                con -> {
                    var statement = con.prepareStatement("SELECT " + COLUMNS + " FROM domain_event_entry WHERE "
                            + scope.condition() + " ORDER BY aggregate_identifier, sequence_number");
                    bind(statement, scope.arguments());
                    statement.setFetchSize(FETCH_SIZE);
                    return statement;
                },
                rows -> {
                    ChainWalk walk = new ChainWalk();
                    while (rows.next()) {
                        Optional<BrokenLink> broken = walk.check(read(rows));
                        if (broken.isPresent()) {
                            return new Verification(walk.verified(), broken.get());
                        }
                    }
                    return new Verification(walk.verified(), null);
                }));
    }

    /**
     * The head of a department-year now or, with {@code atPosition}, as it stood once the log reached
     * that global index (events with a higher index left out).
     */
    public ChainHead head(String department, int year, Long atPosition) {
        AuditScope scope = new AuditScope(department, year);
        String where = scope.condition() + (atPosition == null ? "" : " AND global_index <= ?");
        List<Object> arguments = new ArrayList<>(scope.arguments());
        if (atPosition != null) {
            arguments.add(atPosition);
        }
        return snapshot.execute(status -> {
            List<AggregateHead> heads = jdbc.query(
                    "SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier, "
                            + "sequence_number, event_hash FROM domain_event_entry WHERE " + where
                            + " ORDER BY aggregate_identifier, sequence_number DESC",
                    (rs, i) -> new AggregateHead(rs.getString(1), rs.getLong(2), rs.getBytes(3)),
                    arguments.toArray());
            long[] extent = jdbc.queryForObject(
                    "SELECT count(*), coalesce(max(global_index), 0) FROM domain_event_entry WHERE " + where,
                    (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
                    arguments.toArray());
            return ChainHead.of(department, year, heads, extent[0], extent[1], atPosition);
        });
    }

    private static void bind(PreparedStatement statement, List<Object> arguments) throws SQLException {
        for (int i = 0; i < arguments.size(); i++) {
            statement.setObject(i + 1, arguments.get(i));
        }
    }

    private static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(
                rs.getLong("global_index"),
                rs.getString("event_identifier"),
                rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"),
                rs.getString("type"),
                rs.getString("time_stamp"),
                rs.getString("payload_type"),
                rs.getString("payload_revision"),
                rs.getString("payload"),
                rs.getString("meta_data"),
                rs.getBytes("event_hash"),
                rs.getBytes("prev_hash"));
    }
}
