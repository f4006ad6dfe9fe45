package io.budgetmonitor.command.publishing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Log indexes that will never hold an event (弃用的日志位置): {@code nextval} handed them to a transaction
 * that rolled back or died (a lost race, a failed batch, a process killed mid-import). Axon's token keeps
 * such an index as a gap until the log has moved 10,000 past it, and a watermark may not claim past a
 * gap that could still fill; so the watermark needs to know which gaps cannot.
 *
 * <p>The proof, without guessing from time: a gap seen in the log was handed out before a larger index
 * that had already committed, so the transaction that holds it was running when the gap was seen, or had
 * ended. Record every transaction running then (their virtual transaction ids, which exist before a
 * transaction writes anything); once none of them is running any more, an index of that gap still without
 * an event is abandoned for good. A long transaction only delays the proof, never falsifies it.
 */
@Component
class AbandonedIndexes {

    private final JdbcTemplate jdbc;
    private final Set<Long> abandoned = new HashSet<>();
    private Observation pending;

    AbandonedIndexes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Gaps seen while these transactions ran: abandoned if still empty once all of them have ended. */
    private record Observation(List<String> runningTransactions, SortedSet<Long> gaps) {}

    /** Whether this index is known never to hold an event. */
    synchronized boolean isAbandoned(long index) {
        return abandoned.contains(index);
    }

    /** Forgets what no longer matters: indexes that are not a gap of the token any more. */
    synchronized void retainGaps(SortedSet<Long> gaps) {
        abandoned.retainAll(gaps);
    }

    /**
     * One step of the proof for the token's current gaps: settles the pending observation if every
     * transaction it recorded has ended, then starts one for the gaps not yet known. At most two queries,
     * and none when no gap is open.
     */
    synchronized void settle(SortedSet<Long> gaps) {
        if (pending != null && noneRunning(pending.runningTransactions())) {
            SortedSet<Long> stillOpen = new TreeSet<>(pending.gaps());
            stillOpen.retainAll(gaps);
            abandoned.addAll(stillEmpty(stillOpen));
            pending = null;
        }
        SortedSet<Long> unknown = new TreeSet<>(gaps);
        unknown.removeAll(abandoned);
        if (pending == null && !unknown.isEmpty()) {
            pending = new Observation(runningTransactions(), unknown);
        }
    }

    private List<String> runningTransactions() {
        return jdbc.queryForList(
                "SELECT virtualxid FROM pg_locks WHERE locktype = 'virtualxid' AND pid <> pg_backend_pid()",
                String.class);
    }

    private boolean noneRunning(List<String> transactions) {
        if (transactions.isEmpty()) {
            return true;
        }
        Integer running = jdbc.queryForObject(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'virtualxid' AND virtualxid = ANY (?)",
                Integer.class,
                (Object) transactions.toArray(String[]::new));
        return running != null && running == 0;
    }

    private List<Long> stillEmpty(SortedSet<Long> indexes) {
        if (indexes.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(
                "SELECT g FROM unnest(?::bigint[]) AS g WHERE NOT EXISTS "
                        + "(SELECT 1 FROM domain_event_entry WHERE global_index = g)",
                Long.class,
                (Object) indexes.toArray(Long[]::new));
    }
}
