package io.budgetmonitor.query.evaluations;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.wire.EvaluationTaken;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code evaluation} table: every announced snapshot once, read back as the latest per department-year. */
@Component
public class EvaluationStore {
    private final JdbcTemplate jdbc;

    public EvaluationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the snapshots not stored yet; a redelivered one is skipped by its id. */
    public int record(List<EvaluationTaken> evaluations) {
        int stored = 0;
        for (EvaluationTaken e : evaluations) {
            stored += jdbc.update(
                    "insert into evaluation (id, department, fiscal_year, total, grade, taken_at, taken_by, "
                            + "position) values (?,?,?,?,?,?,?,?) on conflict (id) do nothing",
                    e.id(),
                    e.department(),
                    e.fiscalYear(),
                    e.total(),
                    e.grade(),
                    Timestamp.from(e.createdAt()),
                    e.takenBy(),
                    e.position());
        }
        return stored;
    }

    /** The latest snapshot of each department-year that has one. */
    public Map<FiscalYearId, LatestEvaluation> latest() {
        Map<FiscalYearId, LatestEvaluation> latest = new HashMap<>();
        jdbc.query(
                "select distinct on (department, fiscal_year) id, department, fiscal_year, total, grade, taken_at "
                        + "from evaluation order by department, fiscal_year, taken_at desc, id desc",
                rs -> {
                    LatestEvaluation e = new LatestEvaluation(
                            rs.getObject("id", UUID.class),
                            rs.getString("department"),
                            rs.getInt("fiscal_year"),
                            rs.getBigDecimal("total"),
                            rs.getString("grade"),
                            rs.getTimestamp("taken_at").toInstant());
                    latest.put(new FiscalYearId(e.department(), e.fiscalYear()), e);
                });
        return latest;
    }
}
