package io.budgetmonitor.query.support;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.consumption.AppliedEventsListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last of the consumer's after-commit listeners: once it has seen a batch, the monitor's evaluation
 * of that batch is done (same thread, earlier in the list). A test that moves the monitor's day waits
 * here first, or an evaluation of yesterday's events could run under today's date.
 */
public class EvaluatedBatches implements AppliedEventsListener, Ordered {
    private final JdbcTemplate jdbc;
    private final Map<FiscalYearId, Integer> logged = new ConcurrentHashMap<>();

    public EvaluatedBatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterCommit(Set<FiscalYearId> touched, long lag) {
        for (FiscalYearId id : touched) {
            Integer n = jdbc.queryForObject(
                    "select count(*) from event_log where department = ? and fiscal_year = ?",
                    Integer.class,
                    id.department(),
                    id.fiscalYear());
            logged.put(id, n == null ? 0 : n);
        }
    }

    /** How many events of the department-year were in the log when its last batch had been evaluated. */
    public int evaluatedEvents(FiscalYearId id) {
        return logged.getOrDefault(id, 0);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
