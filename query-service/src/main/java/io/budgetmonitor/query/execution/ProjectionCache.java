package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.FiscalYearId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The live department-year states, kept in memory so applying an event costs no read. Guarded by one
 * lock shared by the consumer, the monitor and the rebuild swap: whoever holds it sees states that
 * match the committed tables. After any failed transaction the cache is dropped and reloaded from
 * the tables, so a rollback never leaves a half-applied state behind.
 */
@Component
public class ProjectionCache {
    private static final int MAX_STATES = 20_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final ReadModelStore store;
    private final Map<FiscalYearId, DepartmentYearState> states = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FiscalYearId, DepartmentYearState> eldest) {
            // states are saved at the end of every batch, so an evicted one is reloaded intact
            return size() > MAX_STATES && !eldest.getValue().dirty().any();
        }
    };

    public ProjectionCache(ReadModelStore store) {
        this.store = store;
    }

    public ReentrantLock lock() {
        return lock;
    }

    /** The state of a department-year, loaded from the live tables or new. Caller holds the lock. */
    public DepartmentYearState get(FiscalYearId id) {
        requireLock();
        DepartmentYearState state = states.get(id);
        if (state == null) {
            state = store.load(id).orElseGet(() -> new DepartmentYearState(id));
            states.put(id, state);
        }
        return state;
    }

    public void clear() {
        requireLock();
        states.clear();
    }

    private void requireLock() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("projection cache used without its lock");
        }
    }
}
