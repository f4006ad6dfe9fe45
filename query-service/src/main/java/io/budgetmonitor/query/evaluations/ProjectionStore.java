package io.budgetmonitor.query.evaluations;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code projected_score} table: the latest announced projection of each department-year. */
@Component
public class ProjectionStore {
    private final JdbcTemplate jdbc;

    public ProjectionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps each announcement computed later than the stored one; returns how many it kept. The same
     * message twice, or an older one (another scoring replica's, or a retry's) arriving after a newer
     * one, changes nothing.
     */
    public int record(List<ProjectedScoreChanged> changes) {
        int kept = 0;
        for (ProjectedScoreChanged c : changes) {
            kept += jdbc.update(
                    "insert into projected_score (department, fiscal_year, total, grade, as_of, rubric, position, "
                            + "computed_at) values (?,?,?,?,?,?,?,?) on conflict (department, fiscal_year) do update set "
                            + "total = excluded.total, grade = excluded.grade, as_of = excluded.as_of, rubric = excluded.rubric, "
                            + "position = excluded.position, computed_at = excluded.computed_at, received_at = now() "
                            + "where projected_score.computed_at < excluded.computed_at",
                    c.department(),
                    c.fiscalYear(),
                    c.total(),
                    c.grade(),
                    Date.valueOf(c.asOf()),
                    c.rubric(),
                    c.position(),
                    Timestamp.from(c.computedAt()));
        }
        return kept;
    }

    /** The latest projection of each department-year that has one. */
    public Map<FiscalYearId, LatestProjection> latest() {
        Map<FiscalYearId, LatestProjection> latest = new HashMap<>();
        jdbc.query("select department, fiscal_year, total, grade, as_of, computed_at from projected_score", rs -> {
            LatestProjection p = new LatestProjection(
                    rs.getString("department"),
                    rs.getInt("fiscal_year"),
                    rs.getBigDecimal("total"),
                    rs.getString("grade"),
                    rs.getDate("as_of").toLocalDate(),
                    rs.getTimestamp("computed_at").toInstant());
            latest.put(new FiscalYearId(p.department(), p.fiscalYear()), p);
        });
        return latest;
    }
}
