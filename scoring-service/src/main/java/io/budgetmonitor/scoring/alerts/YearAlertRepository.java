package io.budgetmonitor.scoring.alerts;

import io.budgetmonitor.api.wire.AlertTransitioned;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The alerts of each department-year ({@code year_alert}) and the transitions already applied. */
@Repository
public class YearAlertRepository {

    private final JdbcTemplate jdbc;

    public YearAlertRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Applies one transition unless its CloudEvents id was seen: the id is recorded and the alert written
     * in the caller's transaction, so a redelivery (the outbox sends at least once) changes nothing.
     *
     * @return whether it was new
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean receive(String cloudEventId, AlertTransitioned t) {
        int fresh = jdbc.update(
                "INSERT INTO alert_transition_received (cloud_event_id, transition_id, department, fiscal_year)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (cloud_event_id) DO NOTHING",
                cloudEventId,
                t.id(),
                t.department(),
                t.fiscalYear());
        if (fresh == 0) {
            return false;
        }
        apply(t);
        return true;
    }

    /**
     * Parks a record that is not a readable transition with its bytes and the error, so it is kept for an
     * operator rather than dropped; keyed by its place in the log, so a redelivery parks nothing twice.
     */
    public void park(String topic, int partition, long offset, String key, byte[] payload, String error) {
        jdbc.update(
                "INSERT INTO alert_transition_parked (topic, kafka_partition, kafka_offset, record_key, payload, error)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                topic,
                partition,
                offset,
                key,
                payload,
                error);
    }

    private void apply(AlertTransitioned t) {
        Timestamp at = Timestamp.from(t.at());
        // first sight of the alert (normally its OPENED; a reader that joined late starts from what it gets)
        jdbc.update(
                "INSERT INTO year_alert (alert_id, department, fiscal_year, rule, subject, severity, worst_severity,"
                        + " message, opened_at, last_transition_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (alert_id) DO NOTHING",
                t.alertId(),
                t.department(),
                t.fiscalYear(),
                t.rule(),
                t.subject(),
                t.severity(),
                t.severity(),
                t.message(),
                at,
                t.id());
        // a department-year's transitions arrive in order (the key); an older one than applied is ignored
        String worst = "CASE WHEN ? > (CASE worst_severity WHEN 'INFO' THEN 0 WHEN 'WARNING' THEN 1"
                + " WHEN 'CRITICAL' THEN 2 ELSE -1 END) THEN ? ELSE worst_severity END";
        String guard = " WHERE alert_id = ? AND last_transition_id <= ?";
        switch (t.transition()) {
            case "RESOLVED", "CLOSED_WITH_YEAR" ->
                jdbc.update(
                        "UPDATE year_alert SET closed_at = ?, closed_by = ?, severity = ?, last_transition_id = ?"
                                + guard,
                        at,
                        t.transition(),
                        t.severity(),
                        t.id(),
                        t.alertId(),
                        t.id());
            case "REOPENED" ->
                jdbc.update(
                        "UPDATE year_alert SET closed_at = NULL, closed_by = NULL, reopened = reopened + 1,"
                                + " severity = ?, worst_severity = " + worst
                                + ", message = COALESCE(?, message), last_transition_id = ?"
                                + guard,
                        t.severity(),
                        YearAlert.rank(t.severity()),
                        t.severity(),
                        t.message(),
                        t.id(),
                        t.alertId(),
                        t.id());
            default ->
                jdbc.update(
                        // OPENED, ESCALATED, DEESCALATED, ACKNOWLEDGED and names this reader does not know
                        "UPDATE year_alert SET severity = ?, worst_severity = " + worst
                                + ", message = COALESCE(?, message)," + " last_transition_id = ?" + guard,
                        t.severity(),
                        YearAlert.rank(t.severity()),
                        t.severity(),
                        t.message(),
                        t.id(),
                        t.alertId(),
                        t.id());
        }
    }

    /** The alerts of a department-year, by when they opened. */
    public List<YearAlert> of(String department, int fiscalYear) {
        return jdbc.query(
                "SELECT * FROM year_alert WHERE department = ? AND fiscal_year = ? ORDER BY opened_at, alert_id",
                YearAlertRepository::row,
                department,
                fiscalYear);
    }

    private static YearAlert row(ResultSet rs, int n) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new YearAlert(
                rs.getLong("alert_id"),
                rs.getString("department"),
                rs.getInt("fiscal_year"),
                rs.getString("rule"),
                rs.getString("subject"),
                rs.getString("severity"),
                rs.getString("worst_severity"),
                rs.getString("message"),
                rs.getTimestamp("opened_at").toInstant(),
                closed == null ? null : closed.toInstant(),
                rs.getString("closed_by"),
                rs.getInt("reopened"));
    }
}
