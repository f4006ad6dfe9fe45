package io.budgetmonitor.query.alerts;

import io.budgetmonitor.query.rules.Condition;
import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Alerts and their transitions in PostgreSQL. */
@Component
public class AlertRepository {
    private final JdbcTemplate jdbc;

    public AlertRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Alert> forDepartmentYear(String department, int year) {
        return jdbc.query(
                "select * from alert where department = ? and fiscal_year = ?", this::alert, department, year);
    }

    Optional<Alert> find(long id) {
        return jdbc.query("select * from alert where id = ?", this::alert, id).stream()
                .findFirst();
    }

    /** The alert if {@code filter} lets it through: one outside the reader's departments is not there for it. */
    Optional<Alert> find(long id, AlertFilter filter) {
        return find(id).filter(alert -> filter.admits(alert.department()));
    }

    /** Current alerts that pass {@code filter}, optionally of one status and fiscal year, by id. */
    public List<Alert> search(AlertFilter filter, AlertStatus status, Integer year) {
        StringBuilder sql = new StringBuilder("select * from alert where true");
        List<Object> args = new ArrayList<>();
        departments(filter, sql, args);
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status.name());
        }
        severityRuleAndYear(filter, year, sql, args);
        sql.append(" order by id");
        return jdbc.query(sql.toString(), this::alert, args.toArray());
    }

    /**
     * The alerts a budget office would act on today (待处理): active (not resolved) alerts of years not
     * closed (未结账), within {@code filter}, optionally of one fiscal year. The year's closing is read
     * from the read model, so a rebuild answers the same.
     */
    public List<Alert> actionable(AlertFilter filter, Integer year) {
        StringBuilder sql = new StringBuilder("select * from alert a where a.status <> 'RESOLVED' and not exists "
                + "(select 1 from rm.dept_year y where y.department = a.department and y.fiscal_year = a.fiscal_year "
                + "and y.closed_on is not null)");
        List<Object> args = new ArrayList<>();
        departments(filter, sql, args);
        severityRuleAndYear(filter, year, sql, args);
        sql.append(" order by id");
        return jdbc.query(sql.toString(), this::alert, args.toArray());
    }

    /** The filter's severities and rule, and the fiscal year, as SQL: the same for every alert query. */
    private static void severityRuleAndYear(AlertFilter filter, Integer year, StringBuilder sql, List<Object> args) {
        filter.severities().ifPresent(passing -> {
            sql.append(" and severity = any (?)");
            args.add(passing.stream().map(Enum::name).toArray(String[]::new));
        });
        if (filter.rule() != null) {
            sql.append(" and rule = ?");
            args.add(filter.rule().name());
        }
        if (year != null) {
            sql.append(" and fiscal_year = ?");
            args.add(year);
        }
    }

    /** The filter's departments as SQL, so a scoped caller's rows are never read, let alone sent. */
    private static void departments(AlertFilter filter, StringBuilder sql, List<Object> args) {
        filter.departments().ifPresent(visible -> {
            sql.append(" and department = any (?)");
            args.add(visible.toArray(new String[0]));
        });
    }

    long insert(Condition c, String department, int year, Instant now) {
        Long id = jdbc.queryForObject(
                "insert into alert (rule, subject, department, fiscal_year, severity, status, message, "
                        + "evidence, opened_at, updated_at) values (?,?,?,?,?,?,?,?,?,?) returning id",
                Long.class,
                c.rule().name(),
                c.subject(),
                department,
                year,
                c.severity().name(),
                AlertStatus.OPEN.name(),
                c.message(),
                String.join(",", c.evidence()),
                Timestamp.from(now),
                Timestamp.from(now));
        return id == null ? -1 : id;
    }

    void update(
            long id,
            Severity severity,
            AlertStatus status,
            String message,
            List<String> evidence,
            Instant now,
            boolean reopen) {
        jdbc.update(
                "update alert set severity = ?, status = ?, message = ?, evidence = ?, updated_at = ?"
                        + (reopen
                                ? ", acknowledged_by = null, acknowledged_at = null, ack_comment = null, resolved_at = null"
                                : "")
                        + " where id = ?",
                severity.name(),
                status.name(),
                message,
                String.join(",", evidence),
                Timestamp.from(now),
                id);
    }

    /** An alert whose condition still holds at the same severity, with new figures in its message. */
    record Refresh(long id, String message, List<String> evidence) {}

    /** Silent refreshes (no transition), one batch: status and severity stay as they are. */
    void refresh(List<Refresh> refreshes, Instant now) {
        if (refreshes.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        jdbc.batchUpdate(
                "update alert set message = ?, evidence = ?, updated_at = ? where id = ?",
                refreshes.stream()
                        .sorted(Comparator.comparingLong(Refresh::id))
                        .map(r -> new Object[] {r.message(), String.join(",", r.evidence()), at, r.id()})
                        .toList());
    }

    void resolve(long id, Instant now) {
        jdbc.update(
                "update alert set status = 'RESOLVED', resolved_at = ?, updated_at = ? where id = ?",
                Timestamp.from(now),
                Timestamp.from(now),
                id);
    }

    void acknowledge(long id, String who, String comment, Instant now) {
        jdbc.update(
                "update alert set status = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ?, ack_comment = ?, "
                        + "updated_at = ? where id = ?",
                who,
                Timestamp.from(now),
                comment,
                Timestamp.from(now),
                id);
    }

    AlertTransition recordTransition(Alert a, TransitionKind kind, String actor, String comment, Instant now) {
        Long id = jdbc.queryForObject(
                "insert into alert_transition (alert_id, rule, subject, department, fiscal_year, "
                        + "transition, status, severity, message, evidence, actor, comment, at) values (?,?,?,?,?,?,?,?,?,?,?,?,?) "
                        + "returning id",
                Long.class,
                a.id(),
                a.rule().name(),
                a.subject(),
                a.department(),
                a.fiscalYear(),
                kind.name(),
                a.status().name(),
                a.severity().name(),
                a.message(),
                String.join(",", a.evidence()),
                actor,
                comment,
                Timestamp.from(now));
        return new AlertTransition(
                id == null ? -1 : id,
                a.id(),
                a.rule(),
                a.subject(),
                a.department(),
                a.fiscalYear(),
                kind,
                a.status(),
                a.severity(),
                a.message(),
                a.evidence(),
                actor,
                comment,
                now);
    }

    public List<AlertTransition> transitionsAfter(long afterId, int limit) {
        return jdbc.query(
                "select * from alert_transition where id > ? order by id limit ?", this::transition, afterId, limit);
    }

    public List<AlertTransition> transitionsOf(long alertId) {
        return jdbc.query("select * from alert_transition where alert_id = ? order by id", this::transition, alertId);
    }

    public long lastTransitionId() {
        Long id = jdbc.queryForObject("select coalesce(max(id), 0) from alert_transition", Long.class);
        return id == null ? 0 : id;
    }

    /**
     * The last transition at or before {@code at} of every alert that passes {@code filter}: what the
     * monitor showed then. Severity is judged on that last transition, so it is filtered after it is found.
     */
    public List<AlertTransition> stateAt(Instant at, AlertFilter filter) {
        StringBuilder sql = new StringBuilder("select distinct on (alert_id) * from alert_transition where at <= ?");
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(at)));
        departments(filter, sql, args);
        sql.append(" order by alert_id, id desc");
        return jdbc.query(sql.toString(), this::transition, args.toArray()).stream()
                .filter(filter::matches)
                .toList();
    }

    private Alert alert(ResultSet rs, int i) throws SQLException {
        return new Alert(
                rs.getLong("id"),
                Rule.valueOf(rs.getString("rule")),
                rs.getString("subject"),
                rs.getString("department"),
                rs.getInt("fiscal_year"),
                Severity.valueOf(rs.getString("severity")),
                AlertStatus.valueOf(rs.getString("status")),
                rs.getString("message"),
                evidence(rs.getString("evidence")),
                instant(rs, "opened_at"),
                instant(rs, "updated_at"),
                rs.getString("acknowledged_by"),
                instant(rs, "acknowledged_at"),
                rs.getString("ack_comment"),
                instant(rs, "resolved_at"));
    }

    private AlertTransition transition(ResultSet rs, int i) throws SQLException {
        return new AlertTransition(
                rs.getLong("id"),
                rs.getLong("alert_id"),
                Rule.valueOf(rs.getString("rule")),
                rs.getString("subject"),
                rs.getString("department"),
                rs.getInt("fiscal_year"),
                TransitionKind.valueOf(rs.getString("transition")),
                AlertStatus.valueOf(rs.getString("status")),
                Severity.valueOf(rs.getString("severity")),
                rs.getString("message"),
                evidence(rs.getString("evidence")),
                rs.getString("actor"),
                rs.getString("comment"),
                instant(rs, "at"));
    }

    private static List<String> evidence(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
