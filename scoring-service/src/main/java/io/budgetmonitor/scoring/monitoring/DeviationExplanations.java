package io.budgetmonitor.scoring.monitoring;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** 偏差原因及纠偏措施 as the consumer stored them (DatedInputs), read as of a monitoring date. */
@Repository
class DeviationExplanations {

    /** One explanation: who gave it, for which monitoring date. */
    record Explanation(String cause, String measure, String explainedBy, LocalDate on) {}

    private final JdbcTemplate jdbc;

    DeviationExplanations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Each subject's latest explanation dated on or before {@code asOf} (later in the log wins). */
    Map<String, Explanation> asOf(String department, int fiscalYear, LocalDate asOf) {
        Map<String, Explanation> latest = new HashMap<>();
        jdbc.query(
                """
                SELECT * FROM deviation_explanation WHERE department = ? AND fiscal_year = ? AND occurred_on <= ?
                ORDER BY position""",
                rs -> {
                    latest.put(
                            rs.getString("subject"),
                            new Explanation(
                                    rs.getString("cause"),
                                    rs.getString("measure"),
                                    rs.getString("explained_by"),
                                    rs.getDate("occurred_on").toLocalDate()));
                },
                department,
                fiscalYear,
                Date.valueOf(asOf));
        return latest;
    }
}
