package io.budgetmonitor.command.eventstore;

import java.lang.reflect.Field;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.modelling.command.Aggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Loaded aggregates kept between commands (聚合缓存), correct with several command-service instances
 * on one store:
 *
 * <ul>
 *   <li><b>checked against the stream's head</b>: an entry is used only if its version is the
 *       aggregate's last stored sequence number ({@code SELECT max(sequence_number)}, one index probe
 *       instead of reading the snapshot and the events after it); another instance that appended
 *       since makes it stale, and the aggregate is loaded from the store;</li>
 *   <li><b>populated only after commit</b>: what Axon puts while a command runs is held by the
 *       transaction and enters the cache when it commits (an import batch's lines when the batch
 *       commits), so no entry ever holds state the database did not keep;</li>
 *   <li><b>evicted on rollback</b>: Axon removes the aggregate of a failed command (and the
 *       transaction's pending entries go with a rollback).</li>
 * </ul>
 * Within one instance Axon's aggregate lock serialises commands on one aggregate, held until after
 * the commit; across instances a decision on a state another instance moved past fails on the
 * (aggregate, sequence) key and is decided again. The cache is bounded (least recently used out).
 */
public class AggregateCache implements Cache {

    private static final Logger log = LoggerFactory.getLogger(AggregateCache.class);
    private static final Field VERSION = entryField("version");
    private static final Field ROOT = entryField("aggregateRoot");
    private static final Field AGGREGATE = entryField("aggregate");

    private final Map<Object, Object> entries;
    private final JdbcTemplate jdbc;
    private final AtomicLong stale = new AtomicLong();

    public AggregateCache(JdbcTemplate jdbc, int capacity) {
        this.jdbc = jdbc;
        this.entries = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > capacity;
            }
        });
    }

    /** How many entries were found stale (another writer had appended) and dropped. */
    public long staleEntries() {
        return stale.get();
    }

    /** Whether an entry is held (committed) for this aggregate, without checking the store. */
    public boolean holds(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value == null) {
            return null;
        }
        Long checked = checkedHead(key);
        if (checked != null && checked.equals(versionOf(value))) {
            return (V) value;
        }
        Long head = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                key.toString());
        if (!Objects.equals(head, versionOf(value))) {
            entries.remove(key, value);
            stale.incrementAndGet();
            return null;
        }
        return (V) value;
    }

    /**
     * Checks the entries held for these aggregates against their heads with one statement, for the rest
     * of the current transaction: an import batch asks once for all the lines it will load instead of
     * once per line. An entry found stale is dropped; one found current is used by {@link #get}
     * without asking again while this transaction lasts (and only while it is the same entry). An
     * append by another instance after the check is caught by the (aggregate, sequence) key when this
     * transaction writes, exactly as after a check per load. Outside a transaction it does nothing.
     */
    public void checkAll(Collection<String> keys) {
        InTransaction transaction = inTransaction();
        if (transaction == null) {
            return;
        }
        List<String> held =
                keys.stream().distinct().filter(entries::containsKey).toList();
        if (held.isEmpty()) {
            return;
        }
        Map<String, Long> heads = new HashMap<>();
        jdbc.query(
                connection -> {
                    // a max() per key, not one GROUP BY: each is one backward probe of the (aggregate, sequence)
                    // index, where a GROUP BY read every event of the batch's lines (25 ms a batch in bench/run)
                    PreparedStatement statement = connection.prepareStatement(
                            "SELECT k.id, (SELECT max(sequence_number) FROM domain_event_entry "
                                    + "WHERE aggregate_identifier = k.id) FROM unnest(?::text[]) AS k(id)");
                    statement.setArray(1, connection.createArrayOf("text", held.toArray()));
                    return statement;
                },
                (ResultSet row) -> {
                    long head = row.getLong(2);
                    if (!row.wasNull()) {
                        heads.put(row.getString(1), head);
                    }
                });
        for (String key : held) {
            Object value = entries.get(key);
            if (value == null) {
                continue;
            }
            Long head = heads.get(key);
            if (Objects.equals(head, versionOf(value))) {
                transaction.checked().put(key, head);
            } else {
                entries.remove(key, value);
                stale.incrementAndGet();
            }
        }
    }

    /**
     * An aggregate as the committing transaction left it: its type name, its root object and the version
     * (sequence number) that state is at. Handed out while the committing thread still has the root to
     * itself (see {@link #whenCompleted}).
     */
    public record Committed(String type, Object root, long version) {}

    /** What to do with an aggregate when the transaction that changed it ends. */
    public interface Completion {
        /**
         * Called once, in the thread ending the transaction. {@code held} is the state the transaction
         * committed for the aggregate, or null if it rolled back or holds no entry for it (a command
         * on it failed, or the cache does not keep it).
         */
        void completed(Committed held);
    }

    /**
     * Runs {@code completion} when the current transaction ends, with the aggregate's committed state if
     * it commits and holds an entry for it. It runs before that entry enters the cache, hence before
     * any other thread can take the root object and change it: the state and its version match. False
     * (and nothing registered) outside a transaction.
     */
    public boolean whenCompleted(Object key, Completion completion) {
        InTransaction transaction = inTransaction();
        if (transaction == null) {
            return false;
        }
        transaction.completions().put(key, completion);
        return true;
    }

    /**
     * The state of the aggregate's committed entry, without checking the store: only for the thread that
     * committed it and still holds the aggregate's lock (its unit of work's clean-up), which no other
     * writer can have moved past. Null if no entry is held.
     */
    public Committed committed(Object key) {
        return stateOf(entries.get(key));
    }

    @Override
    public void put(Object key, Object value) {
        entries.remove(key);
        Map<Object, Object> pending = pending();
        if (pending != null) {
            pending.put(key, value);
        }
        // outside a transaction nothing is known to be stored: nothing is cached
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public boolean remove(Object key) {
        Map<Object, Object> pending = pending();
        boolean wasPending = pending != null && pending.remove(key) != null;
        return entries.remove(key) != null || wasPending;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    /** Entries leave only through this class: there is nothing to listen to. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }

    /**
     * What the current transaction holds: the entries it will add when (and only if) it commits, and
     * the heads {@link #checkAll} found for entries it may use without asking again.
     */
    private record InTransaction(
            Map<Object, Object> pending, Map<Object, Long> checked, Map<Object, Completion> completions) {}

    /** The entries the current transaction will add when (and only if) it commits. */
    private Map<Object, Object> pending() {
        InTransaction transaction = inTransaction();
        return transaction == null ? null : transaction.pending();
    }

    private InTransaction inTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        InTransaction transaction = (InTransaction) TransactionSynchronizationManager.getResource(this);
        if (transaction == null) {
            InTransaction created = new InTransaction(new HashMap<>(), new HashMap<>(), new LinkedHashMap<>());
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AggregateCache.this);
                    // before the entries become visible: no other thread has their roots yet
                    created.completions()
                            .forEach((key, completion) -> complete(
                                    completion,
                                    status == STATUS_COMMITTED
                                            ? stateOf(created.pending().get(key))
                                            : null));
                    if (status == STATUS_COMMITTED) {
                        entries.putAll(created.pending());
                    }
                }
            });
            transaction = created;
        }
        return transaction;
    }

    /** The head {@link #checkAll} found for this entry in the current transaction, if it did. */
    private Long checkedHead(Object key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Object transaction = TransactionSynchronizationManager.getResource(this);
        return transaction instanceof InTransaction held ? held.checked().get(key) : null;
    }

    private static void complete(Completion completion, Committed held) {
        try {
            completion.completed(held);
        } catch (RuntimeException e) {
            // the transaction has ended: what follows it must not be kept from running by one failure
            log.warn("a task after the transaction failed", e);
        }
    }

    private static Committed stateOf(Object value) {
        if (!(value instanceof AggregateCacheEntry<?> entry)) {
            return null;
        }
        try {
            Object aggregate = AGGREGATE.get(entry);
            Long version = (Long) VERSION.get(entry);
            if (!(aggregate instanceof Aggregate<?> live) || version == null) {
                return null;
            }
            return new Committed(live.type(), ROOT.get(entry), version);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long versionOf(Object value) {
        if (!(value instanceof AggregateCacheEntry<?> entry)) {
            return null;
        }
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Axon's entry keeps the root, its version and the aggregate it was cached from, with no accessor for them. */
    private static Field entryField(String name) {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no " + name + " field any more", e);
        }
    }
}
