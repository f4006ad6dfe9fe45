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

    BigDecimal peak(FiscalYearId id) {
        List<BigDecimal> peak = jdbc.queryForList(
                "select peak from score_projection where department = ? and fiscal_year = ?",
                BigDecimal.class,
                id.department(),
                id.fiscalYear());
        return peak.isEmpty() ? null : peak.get(0);
    }

    void record(FiscalYearId id, BigDecimal projected) {
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
