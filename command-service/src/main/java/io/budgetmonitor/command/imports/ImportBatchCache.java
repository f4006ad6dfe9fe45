package io.budgetmonitor.command.imports;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.stereotype.Component;

/**
 * Budget lines already loaded by the import batch running on this thread (导入批次缓存): a ledger
 * posts hundreds of payments to the same few lines, and without it every line would be read back
 * (snapshot plus recent events) and replayed for each payment.
 *
 * <p>It holds nothing outside an import batch: a command over HTTP always loads its line from the
 * store, so with several instances writing to one store none decides on state another instance has
 * moved past. Inside a batch the state is the batch's own: its transaction has written every event
 * the cached line has seen. A line whose command fails is evicted by Axon's rollback hook (and
 * reloaded, from the savepoint's state, by the next command), and the whole cache is dropped when the
 * batch ends, committed or not, so nothing the database did not keep outlives the batch. Were another
 * instance to append to a cached line meanwhile, the batch's append would hit the (aggregate,
 * sequence) key, roll back, evict, and the retry would decide on the stored state.
 */
@Component
public class ImportBatchCache implements Cache {

    private final ThreadLocal<Map<Object, Object>> batch = new ThreadLocal<>();

    /** Starts caching for the batch on the calling thread, until the returned scope is closed. */
    public Scope open() {
        batch.set(new HashMap<>());
        return batch::remove;
    }

    /** The lifetime of one batch's cache. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Map<Object, Object> entries = batch.get();
        return entries == null ? null : (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        Map<Object, Object> entries = batch.get();
        if (entries != null) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Map<Object, Object> entries = batch.get();
        return entries != null && entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        Map<Object, Object> entries = batch.get();
        return entries != null && entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        Map<Object, Object> entries = batch.get();
        if (entries != null) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        Map<Object, Object> entries = batch.get();
        return entries != null && entries.containsKey(key);
    }

    /** Entries never expire or leave another way than through this class: there is nothing to listen to. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }
}
