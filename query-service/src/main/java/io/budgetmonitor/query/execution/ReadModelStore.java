package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads and writes {@link DepartmentYearState} in a read-model schema ({@code rm}, or {@code rm_next}
 * while a rebuild fills it). Writes are whole-row upserts of what changed, so a state written twice
 * leaves the same rows.
 */
@Component
public class ReadModelStore {
    public static final String LIVE = "rm";
    public static final String NEXT = "rm_next";

    private static final String YEAR_COLUMNS =
            "department, fiscal_year, department_name, rubric, quarter_targets, opened_on, closed_on, last_position";

    private final JdbcTemplate jdbc;

    public ReadModelStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<FiscalYearId> departmentYears() {
        return jdbc.query(
                "select department, fiscal_year from rm.dept_year order by department, fiscal_year",
                (rs, i) -> new FiscalYearId(rs.getString(1), rs.getInt(2)));
    }

    public boolean departmentExists(String department) {
        Integer n = jdbc.queryForObject(
                "select count(*) from rm.dept_year where department = ?", Integer.class, department);
        return n != null && n > 0;
    }

    public Optional<DepartmentYearState> load(FiscalYearId id) {
        return load(LIVE, id);
    }

    public Optional<DepartmentYearState> load(String schema, FiscalYearId id) {
        DepartmentYearState state = new DepartmentYearState(id);
        String d = id.department();
        int y = id.fiscalYear();
        List<Boolean> found = jdbc.query(
                "select * from " + schema + ".dept_year where department = ? and fiscal_year = ?",
                (rs, i) -> {
                    state.departmentName = rs.getString("department_name");
                    state.rubric = rs.getString("rubric");
                    String targets = rs.getString("quarter_targets");
                    if (targets != null && !targets.isBlank()) {
                        state.quarterTargets = Arrays.stream(targets.split(","))
                                .map(BigDecimal::new)
                                .toList();
                    }
                    state.openedOn = date(rs, "opened_on");
                    state.closedOn = date(rs, "closed_on");
                    state.lastPosition = rs.getLong("last_position");
                    return true;
                },
                d,
                y);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        jdbc.query(
                "select * from " + schema + ".budget_line where department = ? and fiscal_year = ?",
                rs -> {
                    LineFigures l = state.line(rs.getString("line"));
                    l.name = rs.getString("name");
                    l.fundSource = enumOf(FundSource.class, rs.getString("fund_source"));
                    l.expenditureType = enumOf(ExpenditureType.class, rs.getString("expenditure_type"));
                    l.threePublic = enumOf(ThreePublicCategory.class, rs.getString("three_public"));
                    l.appropriation = rs.getBoolean("appropriation");
                    l.allocated = money(rs, "allocated");
                    l.supplements = money(rs, "supplements");
                    l.reductions = money(rs, "reductions");
                    l.transfersIn = money(rs, "transfers_in");
                    l.transfersOut = money(rs, "transfers_out");
                    l.disbursed = money(rs, "disbursed");
                    l.reversed = money(rs, "reversed");
                    l.reclaimed = money(rs, "reclaimed");
                    l.carriedOver = money(rs, "carried_over");
                    l.rejectedCount = rs.getInt("rejected_count");
                    l.lastRejectedAmount = money(rs, "last_rejected_amount");
                    l.lastRejectedAvailable = money(rs, "last_rejected_available");
                    l.lastRejectedOn = date(rs, "last_rejected_on");
                    long rejectedPosition = rs.getLong("last_rejected_position");
                    l.lastRejectedPosition = rs.wasNull() ? null : rejectedPosition;
                    l.lastRejectedEvent = rs.getString("last_rejected_event");
                    l.lastPosition = rs.getLong("last_position");
                    l.lastEventId = rs.getString("last_event_id");
                },
                d,
                y);
        jdbc.query(
                "select * from " + schema + ".line_quarter where department = ? and fiscal_year = ?",
                rs -> {
                    LineFigures l = state.line(rs.getString("line"));
                    int q = rs.getInt("quarter") - 1;
                    l.quarterDisbursed[q] = money(rs, "disbursed");
                    l.quarterReversed[q] = money(rs, "reversed");
                },
                d,
                y);
        jdbc.query(
                "select * from " + schema + ".quarter_close where department = ? and fiscal_year = ?",
                rs -> {
                    int q = rs.getInt("quarter");
                    state.closes.put(
                            q,
                            new QuarterClose(
                                    q,
                                    date(rs, "closed_on"),
                                    rs.getLong("position"),
                                    rs.getString("event_id"),
                                    QuarterClose.parseReported(rs.getString("reported"))));
                },
                d,
                y);
        jdbc.query(
                "select * from " + schema + ".kpi where department = ? and fiscal_year = ?",
                rs -> {
                    KpiFigures k = new KpiFigures(rs.getString("kpi"));
                    k.task = rs.getString("task");
                    k.name = rs.getString("name");
                    k.direction = enumOf(KpiDirection.class, rs.getString("direction"));
                    k.target = rs.getBigDecimal("target");
                    k.targetDescription = rs.getString("target_description");
                    k.unit = rs.getString("unit");
                    k.points = rs.getBigDecimal("points");
                    k.setOn = date(rs, "set_on");
                    k.actual = rs.getBigDecimal("actual");
                    boolean met = rs.getBoolean("met");
                    k.met = rs.wasNull() ? null : met;
                    k.reportedOn = date(rs, "reported_on");
                    k.reportEventId = rs.getString("report_event_id");
                    k.reportedQuarters = rs.getInt("reported_quarters");
                    state.kpis.put(k.kpi, k);
                },
                d,
                y);
        return Optional.of(state);
    }

    /** Writes what changed since the last save and forgets the changes. */
    public void save(DepartmentYearState state) {
        DepartmentYearState.Dirty dirty = state.dirty();
        if (dirty.year) {
            jdbc.update(
                    "insert into " + LIVE + ".dept_year (" + YEAR_COLUMNS + ") values (?,?,?,?,?,?,?,?) "
                            + "on conflict (department, fiscal_year) do update set department_name = excluded.department_name, "
                            + "rubric = excluded.rubric, quarter_targets = excluded.quarter_targets, opened_on = excluded.opened_on, "
                            + "closed_on = excluded.closed_on, last_position = excluded.last_position",
                    yearRow(state));
        }
        List<Object[]> lineRows = new ArrayList<>();
        List<Object[]> quarterRows = new ArrayList<>();
        for (LineFigures l : state.lines.values()) {
            if (dirty.lines.contains(l.line)) {
                lineRows.add(lineRow(state, l));
                addQuarterRows(state, l, quarterRows);
            }
        }
        if (!lineRows.isEmpty()) {
            jdbc.batchUpdate(
                    "insert into " + LIVE + ".budget_line values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                            + "on conflict (department, fiscal_year, line) do update set name = excluded.name, "
                            + "fund_source = excluded.fund_source, expenditure_type = excluded.expenditure_type, "
                            + "three_public = excluded.three_public, appropriation = excluded.appropriation, "
                            + "allocated = excluded.allocated, supplements = excluded.supplements, reductions = excluded.reductions, "
                            + "transfers_in = excluded.transfers_in, transfers_out = excluded.transfers_out, "
                            + "disbursed = excluded.disbursed, reversed = excluded.reversed, reclaimed = excluded.reclaimed, "
                            + "carried_over = excluded.carried_over, rejected_count = excluded.rejected_count, "
                            + "last_rejected_amount = excluded.last_rejected_amount, "
                            + "last_rejected_available = excluded.last_rejected_available, "
                            + "last_rejected_on = excluded.last_rejected_on, last_rejected_position = excluded.last_rejected_position, "
                            + "last_rejected_event = excluded.last_rejected_event, last_position = excluded.last_position, "
                            + "last_event_id = excluded.last_event_id",
                    lineRows);
        }
        if (!quarterRows.isEmpty()) {
            jdbc.batchUpdate(
                    "insert into " + LIVE + ".line_quarter values (?,?,?,?,?,?) "
                            + "on conflict (department, fiscal_year, line, quarter) do update set disbursed = excluded.disbursed, "
                            + "reversed = excluded.reversed",
                    quarterRows);
        }
        for (QuarterClose c : state.closes.values()) {
            if (dirty.quarters.contains(c.quarter())) {
                jdbc.update(
                        "insert into " + LIVE + ".quarter_close values (?,?,?,?,?,?,?) "
                                + "on conflict (department, fiscal_year, quarter) do update set closed_on = excluded.closed_on, "
                                + "position = excluded.position, event_id = excluded.event_id, reported = excluded.reported",
                        closeRow(state, c));
            }
        }
        List<Object[]> kpiRows = new ArrayList<>();
        for (KpiFigures k : state.kpis.values()) {
            if (dirty.kpis.contains(k.kpi)) {
                kpiRows.add(kpiRow(state, k));
            }
        }
        if (!kpiRows.isEmpty()) {
            jdbc.batchUpdate(
                    "insert into " + LIVE + ".kpi values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                            + "on conflict (department, fiscal_year, kpi) do update set task = excluded.task, name = excluded.name, "
                            + "direction = excluded.direction, target = excluded.target, "
                            + "target_description = excluded.target_description, unit = excluded.unit, points = excluded.points, "
                            + "set_on = excluded.set_on, actual = excluded.actual, met = excluded.met, "
                            + "reported_on = excluded.reported_on, report_event_id = excluded.report_event_id, "
                            + "reported_quarters = excluded.reported_quarters",
                    kpiRows);
        }
        dirty.clear();
    }

    /**
     * Writes every row of every state into a fresh, empty schema (a rebuild's {@code rm_next}): the same rows
     * {@link #save} writes, but with one COPY per table instead of a round trip per row (a rebuild's write phase
     * was a sixth of its time; multi-row inserts of 1,200 rows took PostgreSQL 200 ms each to plan).
     */
    public void insertAll(String schema, Collection<DepartmentYearState> states) {
        List<Object[]> years = new ArrayList<>(states.size());
        List<Object[]> lineRows = new ArrayList<>();
        List<Object[]> quarterRows = new ArrayList<>();
        List<Object[]> closeRows = new ArrayList<>();
        List<Object[]> kpiRows = new ArrayList<>();
        for (DepartmentYearState state : states) {
            years.add(yearRow(state));
            for (LineFigures l : state.lines.values()) {
                lineRows.add(lineRow(state, l));
                addQuarterRows(state, l, quarterRows);
            }
            for (QuarterClose c : state.closes.values()) {
                closeRows.add(closeRow(state, c));
            }
            for (KpiFigures k : state.kpis.values()) {
                kpiRows.add(kpiRow(state, k));
            }
            state.dirty().clear();
        }
        insertRows(schema + ".dept_year (" + YEAR_COLUMNS + ")", years);
        insertRows(schema + ".budget_line", lineRows);
        insertRows(schema + ".line_quarter", quarterRows);
        insertRows(schema + ".quarter_close", closeRows);
        insertRows(schema + ".kpi", kpiRows);
    }

    private void insertRows(String into, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (Object[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    text.append('\t');
                }
                appendCopyValue(text, row[c]);
            }
            text.append('\n');
        }
        jdbc.execute((ConnectionCallback<Long>) con -> {
            try {
                return new CopyManager(con.unwrap(BaseConnection.class))
                        .copyIn("copy " + into + " from stdin", new StringReader(text.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A value in COPY's text format, as PostgreSQL would read the same value bound to an insert: {@code \N} for
     * null, decimals in plain notation, ISO dates, {@code t}/{@code f}, and text with backslash, tab, newline and
     * carriage return escaped.
     */
    static void appendCopyValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof BigDecimal decimal) {
            text.append(decimal.toPlainString());
        } else if (value instanceof Date date) {
            text.append(date.toLocalDate());
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (value instanceof Number number) {
            text.append(number);
        } else if (value instanceof String string) {
            for (int i = 0; i < string.length(); i++) {
                char ch = string.charAt(i);
                switch (ch) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(ch);
                }
            }
        } else {
            throw new IllegalArgumentException(
                    "no COPY text for a " + value.getClass().getName());
        }
    }

    private static Object[] yearRow(DepartmentYearState state) {
        return new Object[] {
            state.id().department(),
            state.id().fiscalYear(),
            state.departmentName,
            state.rubric,
            state.quarterTargets.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(",")),
            sqlDate(state.openedOn),
            sqlDate(state.closedOn),
            state.lastPosition
        };
    }

    private static Object[] lineRow(DepartmentYearState state, LineFigures l) {
        return new Object[] {
            state.id().department(),
            state.id().fiscalYear(),
            l.line,
            l.name,
            name(l.fundSource),
            name(l.expenditureType),
            name(l.threePublic),
            l.appropriation,
            l.allocated.amount(),
            l.supplements.amount(),
            l.reductions.amount(),
            l.transfersIn.amount(),
            l.transfersOut.amount(),
            l.disbursed.amount(),
            l.reversed.amount(),
            l.reclaimed.amount(),
            l.carriedOver.amount(),
            l.rejectedCount,
            amount(l.lastRejectedAmount),
            amount(l.lastRejectedAvailable),
            sqlDate(l.lastRejectedOn),
            l.lastRejectedPosition,
            l.lastRejectedEvent,
            l.lastPosition,
            l.lastEventId
        };
    }

    /** A line's quarters with any disbursement or reversal (an all-zero quarter has no row). */
    private static void addQuarterRows(DepartmentYearState state, LineFigures l, List<Object[]> rows) {
        for (int q = 0; q < 4; q++) {
            if (!l.quarterDisbursed[q].isZero() || !l.quarterReversed[q].isZero()) {
                rows.add(new Object[] {
                    state.id().department(),
                    state.id().fiscalYear(),
                    l.line,
                    q + 1,
                    l.quarterDisbursed[q].amount(),
                    l.quarterReversed[q].amount()
                });
            }
        }
    }

    private static Object[] closeRow(DepartmentYearState state, QuarterClose c) {
        return new Object[] {
            state.id().department(),
            state.id().fiscalYear(),
            c.quarter(),
            sqlDate(c.closedOn()),
            c.position(),
            c.eventId(),
            c.reportedText()
        };
    }

    private static Object[] kpiRow(DepartmentYearState state, KpiFigures k) {
        return new Object[] {
            state.id().department(),
            state.id().fiscalYear(),
            k.kpi,
            k.task,
            k.name,
            name(k.direction),
            k.target,
            k.targetDescription,
            k.unit,
            k.points,
            sqlDate(k.setOn),
            k.actual,
            k.met,
            sqlDate(k.reportedOn),
            k.reportEventId,
            k.reportedQuarters
        };
    }

    private static Money money(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : Money.of(value);
    }

    private static BigDecimal amount(Money money) {
        return money == null ? null : money.amount();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date value = rs.getDate(column);
        return value == null ? null : value.toLocalDate();
    }

    private static Date sqlDate(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
