package io.budgetmonitor.query.rebuild;

import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.eventlog.EventLog;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ProjectionCache;
import io.budgetmonitor.query.execution.ReadModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays the event-log copy into a fresh schema {@code rm_next} (created from the same DDL as the
 * Flyway migration) and swaps it in with two schema renames in one transaction. Queries keep being
 * answered from the old tables until the swap; the consumer pauses (it waits on the projection lock)
 * for the duration so no event is applied to tables about to be replaced.
 */
@Service
public class RebuildService {
    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventLog eventLog;
    private final ReadModelStore store;
    private final ProjectionCache cache;
    private final ReadModelDigest digest;

    public RebuildService(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            EventLog eventLog,
            ReadModelStore store,
            ProjectionCache cache,
            ReadModelDigest digest) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.eventLog = eventLog;
        this.store = store;
        this.cache = cache;
        this.digest = digest;
    }

    /** What a rebuild did and how long it took. */
    public record Result(
            long events, int departmentYears, long millis, double eventsPerSecond, Map<String, String> digest) {}

    public Result rebuild() {
        long start = System.nanoTime();
        cache.lock().lock();
        try {
            jdbc.execute("drop schema if exists " + ReadModelStore.NEXT + " cascade");
            jdbc.execute(ddl());
            Fold fold = new Fold(eventLog);
            tx.executeWithoutResult(status -> fold.run(() -> eventLog.forEachPayloadAfter(-1, fold::accept)));
            Map<FiscalYearId, DepartmentYearState> states = fold.states;
            long count = fold.count;
            long folded = System.nanoTime();
            tx.executeWithoutResult(status -> store.insertAll(ReadModelStore.NEXT, states.values()));
            long written = System.nanoTime();
            tx.executeWithoutResult(status -> {
                jdbc.execute("alter schema " + ReadModelStore.LIVE + " rename to rm_old");
                jdbc.execute("alter schema " + ReadModelStore.NEXT + " rename to " + ReadModelStore.LIVE);
                jdbc.execute("drop schema rm_old cascade");
            });
            cache.clear();
            long swapped = System.nanoTime();
            long millis = (System.nanoTime() - start) / 1_000_000;
            Result result = new Result(
                    count,
                    states.size(),
                    millis,
                    millis == 0 ? count : count * 1000.0 / millis,
                    digest.digest(ReadModelStore.LIVE));
            log.info(
                    "rebuilt read models from {} events ({} department-years) in {} ms (read and fold {} ms, write {} ms,"
                            + " swap {} ms, digest {} ms)",
                    count,
                    states.size(),
                    millis,
                    (folded - start) / 1_000_000,
                    (written - folded) / 1_000_000,
                    (swapped - written) / 1_000_000,
                    (System.nanoTime() - swapped) / 1_000_000);
            return result;
        } finally {
            cache.lock().unlock();
        }
    }

    /**
     * Decodes and folds the log on a second thread while the calling thread reads it (the cursor belongs to the
     * caller's transaction): a rebuild's profile had the reading thread half in JSON decoding, half waiting for
     * rows. One folding thread, fed in log order, so each department-year sees its events as the live
     * projection does.
     */
    private static final class Fold {
        private static final int BATCH = 1000;
        private static final List<EventLog.Payload> END = List.of();

        private final EventLog eventLog;
        private final BlockingQueue<List<EventLog.Payload>> queue = new ArrayBlockingQueue<>(16);
        private final Map<FiscalYearId, DepartmentYearState> states = new HashMap<>();
        private List<EventLog.Payload> batch = new ArrayList<>(BATCH);
        private Future<?> folding;
        private long count;

        Fold(EventLog eventLog) {
            this.eventLog = eventLog;
        }

        void run(Runnable read) {
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "rebuild-fold"));
            try {
                folding = thread.submit(this::foldAll);
                read.run();
                hand(batch);
                hand(END);
                folding.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("rebuild interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } finally {
                thread.shutdownNow();
            }
        }

        void accept(EventLog.Payload payload) {
            batch.add(payload);
            if (batch.size() == BATCH) {
                hand(batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        /** Queues a batch, giving up when the folding thread has stopped (it failed: its error is reported). */
        private void hand(List<EventLog.Payload> payloads) {
            try {
                while (folding.isDone() || !queue.offer(payloads, 100, TimeUnit.MILLISECONDS)) {
                    if (folding.isDone()) {
                        folding.get();
                        throw new IllegalStateException("the folding thread stopped before the end of the log");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("rebuild interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        private Void foldAll() throws InterruptedException {
            for (List<EventLog.Payload> payloads = queue.take(); payloads != END; payloads = queue.take()) {
                for (EventLog.Payload p : payloads) {
                    BudgetEvent event = eventLog.decode(p.eventId(), p.eventType(), p.payload());
                    states.computeIfAbsent(
                                    new FiscalYearId(event.department(), event.fiscalYear()), DepartmentYearState::new)
                            .apply(p.position(), p.eventId(), event);
                    count++;
                }
            }
            return null;
        }
    }

    private static String ddl() {
        try {
            String script =
                    new ClassPathResource("db/migration/V2__read_model.sql").getContentAsString(StandardCharsets.UTF_8);
            return script.replace("create schema if not exists rm;", "create schema " + ReadModelStore.NEXT + ";")
                    .replaceAll("\\brm\\.", ReadModelStore.NEXT + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
