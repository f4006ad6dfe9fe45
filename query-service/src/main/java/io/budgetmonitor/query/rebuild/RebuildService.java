package io.budgetmonitor.query.rebuild;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.eventlog.EventLog;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ProjectionCache;
import io.budgetmonitor.query.execution.ReadModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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
            Map<FiscalYearId, DepartmentYearState> states = new HashMap<>();
            long[] count = {0};
            tx.executeWithoutResult(status -> eventLog.forEachAfter(-1, e -> {
                FiscalYearId id =
                        new FiscalYearId(e.event().department(), e.event().fiscalYear());
                states.computeIfAbsent(id, DepartmentYearState::new).apply(e);
                count[0]++;
            }));
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
                    count[0],
                    states.size(),
                    millis,
                    millis == 0 ? count[0] : count[0] * 1000.0 / millis,
                    digest.digest(ReadModelStore.LIVE));
            log.info(
                    "rebuilt read models from {} events ({} department-years) in {} ms (read and fold {} ms, write {} ms,"
                            + " swap {} ms, digest {} ms)",
                    count[0],
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
