package io.budgetmonitor.query.consumption;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.consumer.ConsumerMetrics;
import io.budgetmonitor.consumer.Projection;
import io.budgetmonitor.query.eventlog.EventLog;
import io.budgetmonitor.query.execution.ProjectionCache;
import io.budgetmonitor.query.execution.ReadModelStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * query-service's projection (执行读模型): appends the events to the log copy and folds them into the
 * department-year states, saved in the consumer's transaction. The in-memory states are guarded by the
 * projection lock for the whole transaction and dropped after a rollback, so they always match the
 * committed tables. The department-years that changed are recorded as due for evaluation in the same
 * transaction ({@link DueEvaluations}); after the commit the monitor is told, and judges them on its own thread.
 */
@Component
class ReadModelProjection implements Projection<Set<FiscalYearId>> {
    private static final Logger log = LoggerFactory.getLogger(ReadModelProjection.class);

    private final ProjectionCache cache;
    private final ReadModelStore store;
    private final EventLog eventLog;
    private final List<AppliedEventsListener> listeners;
    private final ObjectProvider<ConsumerMetrics> metrics;
    private final ConsumingReplica replica;
    private final DueEvaluations due;

    ReadModelProjection(
            ProjectionCache cache,
            ReadModelStore store,
            EventLog eventLog,
            List<AppliedEventsListener> listeners,
            ObjectProvider<ConsumerMetrics> metrics,
            ConsumingReplica replica,
            DueEvaluations due) {
        this.due = due;
        this.cache = cache;
        this.store = store;
        this.eventLog = eventLog;
        this.listeners = listeners;
        this.metrics = metrics;
        this.replica = replica;
    }

    @Override
    public Set<FiscalYearId> apply(List<RecordedEvent> events) {
        Map<FiscalYearId, Long> lowest = new LinkedHashMap<>();
        for (RecordedEvent event : events) {
            FiscalYearId id =
                    new FiscalYearId(event.event().department(), event.event().fiscalYear());
            cache.get(id).apply(event);
            lowest.merge(id, event.position(), Math::min);
        }
        eventLog.append(events);
        for (FiscalYearId id : lowest.keySet()) {
            store.save(cache.get(id));
        }
        due.add(lowest); // the position stays below these events until their evaluation commits
        return lowest.keySet();
    }

    @Override
    public void committed(Set<FiscalYearId> touched) {
        // told even of a batch of watermarks alone: the lag it carries may end a catch-up whose evaluations wait
        long lag = metrics.getObject().lag();
        for (AppliedEventsListener listener : listeners) {
            try {
                listener.afterCommit(touched, lag);
            } catch (RuntimeException e) {
                // the events are committed; a failing evaluation is retried by the scheduled re-evaluation
                log.error("after-commit listener {} failed", listener.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public void discarded() {
        cache.clear(); // a rolled-back transaction may have changed states in memory: reload from the tables
    }

    @Override
    public boolean active() {
        return replica.isConsuming();
    }

    @Override
    public <T> T exclusively(Supplier<T> transaction) {
        cache.lock().lock();
        try {
            return transaction.get();
        } finally {
            cache.lock().unlock();
        }
    }

    /** Forgets in-memory state (before this replica starts consuming: another may have applied events). */
    void reload() {
        cache.lock().lock();
        try {
            cache.clear();
        } finally {
            cache.lock().unlock();
        }
    }
}
