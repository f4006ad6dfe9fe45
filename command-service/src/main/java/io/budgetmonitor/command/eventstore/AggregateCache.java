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

    private static final Field VERSION = versionField();

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
    private record InTransaction(Map<Object, Object> pending, Map<Object, Long> checked) {}

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
            InTransaction created = new InTransaction(new HashMap<>(), new HashMap<>());
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AggregateCache.this);
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

    /** Axon's entry keeps the version it was cached at but has no accessor for it. */
    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no version field any more", e);
        }
    }
}
