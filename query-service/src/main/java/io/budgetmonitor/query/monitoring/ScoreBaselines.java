package io.budgetmonitor.query.monitoring;

import io.budgetmonitor.api.values.FiscalYearId;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The best projected score seen so far per department-year (baseline of PROJECTED_SCORE_DROP). */
@Component
class ScoreBaselines {
    private final JdbcTemplate jdbc;

    ScoreBaselines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A department-year's stored baseline: its best projection and its latest. */
    record Baseline(BigDecimal peak, BigDecimal latest) {

        /** Whether storing {@code projected} would leave the row as it is. */
        boolean alreadyHolds(BigDecimal projected) {
            return projected.equals(latest) && peak != null && peak.compareTo(projected) >= 0;
        }
    }

    /** The stored baseline, or null when the department-year has none yet. */
    Baseline of(FiscalYearId id) {
        List<Baseline> rows = jdbc.query(
                "select peak, latest from score_projection where department = ? and fiscal_year = ?",
                (rs, n) -> new Baseline(rs.getBigDecimal(1), rs.getBigDecimal(2)),
                id.department(),
                id.fiscalYear());
        return rows.isEmpty() ? null : rows.get(0);
    }

    BigDecimal peak(FiscalYearId id) {
        Baseline baseline = of(id);
        return baseline == null ? null : baseline.peak();
    }

    /**
     * Stores {@code projected} as the latest projection (and the peak, when higher), unless {@code before}
     * (read under the same projection lock) already holds it: most evaluations after a batch do not move the
     * score, and a write that changes nothing would still cost a commit (a WAL flush) on the consumer's path.
     */
    void record(FiscalYearId id, BigDecimal projected, Baseline before) {
        if (before != null && before.alreadyHolds(projected)) {
            return;
        }
        jdbc.update(
                "insert into score_projection (department, fiscal_year, peak, latest) values (?,?,?,?) "
                        + "on conflict (department, fiscal_year) do update set peak = greatest(score_projection.peak, excluded.peak), "
                        + "latest = excluded.latest",
                id.department(),
                id.fiscalYear(),
                projected,
                projected);
    }
}
