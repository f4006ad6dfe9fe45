package io.budgetmonitor.query.consumption;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.consumer.PositionBound;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The monitor's backlog (待评估, table {@code evaluation_due}): department-years whose applied events have not
 * been judged yet. A row is added in the consumer's transaction for every department-year a batch touched (at
 * the lowest position of its events there) and deleted in the transaction that commits the evaluation's
 * alerts. So the evaluation runs on a thread of its own while the reported position ({@link PositionBound})
 * stays below the first event whose alerts are not committed, and a crash between the two commits leaves the
 * work here for the next consuming replica instead of losing it.
 */
@Component
public class DueEvaluations implements PositionBound {
    private final JdbcTemplate jdbc;

    DueEvaluations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In the consumer's transaction: each department-year is due from the lowest position it got in the batch. */
    void add(Map<FiscalYearId, Long> lowestPosition) {
        if (lowestPosition.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(lowestPosition.size());
        lowestPosition.forEach((id, position) -> rows.add(new Object[] {id.department(), id.fiscalYear(), position}));
        jdbc.batchUpdate("insert into evaluation_due (department, fiscal_year, position) values (?, ?, ?)", rows);
    }

    /**
     * The newest row of a department-year (0 when none). Read under the projection lock: no consumer
     * transaction is open then, so the rows up to it are exactly the batches the state being judged contains.
     */
    public long newest(FiscalYearId id) {
        Long newest = jdbc.queryForObject(
                "select coalesce(max(id), 0) from evaluation_due where department = ? and fiscal_year = ?",
                Long.class,
                id.department(),
                id.fiscalYear());
        return newest == null ? 0 : newest;
    }

    /** In the transaction that commits the evaluation: the rows it judged, up to {@code newest}, are done. */
    public void settle(FiscalYearId id, long newest) {
        if (newest > 0) {
            jdbc.update(
                    "delete from evaluation_due where department = ? and fiscal_year = ? and id <= ?",
                    id.department(),
                    id.fiscalYear(),
                    newest);
        }
    }

    /** Every department-year with work left (after a takeover, a crash or a failed evaluation). */
    public Set<FiscalYearId> departmentYears() {
        return new LinkedHashSet<>(jdbc.query(
                "select department, fiscal_year from evaluation_due group by department, fiscal_year order by min(id)",
                (rs, n) -> new FiscalYearId(rs.getString(1), rs.getInt(2))));
    }

    @Override
    public long firstPending() {
        Long first = jdbc.queryForObject("select min(position) from evaluation_due", Long.class);
        return first == null ? Long.MAX_VALUE : first;
    }
}
