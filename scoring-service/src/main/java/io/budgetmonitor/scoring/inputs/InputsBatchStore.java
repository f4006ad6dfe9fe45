package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.BudgetLineEvent;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetAdjusted;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.scoring.inputs.InputsDelta.Kpi;
import io.budgetmonitor.scoring.inputs.InputsDelta.KpiKey;
import io.budgetmonitor.scoring.inputs.InputsDelta.LineAttrs;
import io.budgetmonitor.scoring.inputs.InputsDelta.LineChange;
import io.budgetmonitor.scoring.inputs.InputsDelta.LineKey;
import io.budgetmonitor.scoring.inputs.InputsDelta.Voucher;
import io.budgetmonitor.scoring.inputs.InputsDelta.VoucherKey;
import io.budgetmonitor.scoring.rubric.RubricPin;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the batch path: preloads, in one query per table, the stored rows a batch's events read,
 * and writes an {@link InputsDelta} with one batched statement per table.
 */
@Repository
class InputsBatchStore {

    private final JdbcTemplate jdbc;

    InputsBatchStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    InputsDelta load(List<RecordedEvent> events, Map<String, RubricPin> pins) {
        Set<LineKey> lineKeys = new LinkedHashSet<>();
        Set<VoucherKey> voucherKeys = new LinkedHashSet<>();
        Set<KpiKey> kpiKeys = new LinkedHashSet<>();
        for (RecordedEvent recorded : events) {
            BudgetEvent e = recorded.event();
            if (e instanceof BudgetLineEvent line) {
                lineKeys.add(new LineKey(e.department(), e.fiscalYear(), line.line()));
            }
            if (e instanceof DisbursementReversed r) {
                voucherKeys.add(new VoucherKey(e.department(), e.fiscalYear(), r.voucher()));
            } else if (e instanceof PerformanceTargetSet k) {
                kpiKeys.add(new KpiKey(e.department(), e.fiscalYear(), k.kpi()));
            } else if (e instanceof PerformanceTargetAdjusted k) {
                kpiKeys.add(new KpiKey(e.department(), e.fiscalYear(), k.kpi()));
            } else if (e instanceof PerformanceProgressReported k) {
                kpiKeys.add(new KpiKey(e.department(), e.fiscalYear(), k.kpi()));
            }
        }
        Map<LineKey, LineAttrs> lines = new HashMap<>();
        byKeys(
                "budget_line",
                "line",
                lineKeys.stream()
                        .map(k -> new Object[] {k.department(), k.fiscalYear(), k.line()})
                        .toList(),
                rs -> lines.put(
                        new LineKey(rs.getString("department"), rs.getInt("fiscal_year"), rs.getString("line")),
                        new LineAttrs(
                                rs.getString("name"),
                                rs.getString("fund_source"),
                                rs.getString("expenditure_type"),
                                rs.getString("three_public"),
                                rs.getBoolean("appropriation"))));
        Map<VoucherKey, Voucher> vouchers = new HashMap<>();
        byKeys(
                "voucher",
                "voucher",
                voucherKeys.stream()
                        .map(k -> new Object[] {k.department(), k.fiscalYear(), k.voucher()})
                        .toList(),
                rs -> vouchers.put(
                        new VoucherKey(rs.getString("department"), rs.getInt("fiscal_year"), rs.getString("voucher")),
                        new Voucher(
                                rs.getString("line"),
                                rs.getBigDecimal("amount"),
                                rs.getBoolean("procurement"),
                                rs.getDate("occurred_on").toLocalDate(),
                                true,
                                rs.getBoolean("reversed"))));
        Map<KpiKey, Kpi> kpis = new HashMap<>();
        byKeys(
                "kpi",
                "kpi",
                kpiKeys.stream()
                        .map(k -> new Object[] {k.department(), k.fiscalYear(), k.kpi()})
                        .toList(),
                rs -> {
                    Kpi kpi = new Kpi();
                    kpi.task = rs.getString("task");
                    kpi.name = rs.getString("name");
                    kpi.direction = rs.getString("direction");
                    kpi.target = rs.getBigDecimal("target");
                    kpi.targetDescription = rs.getString("target_description");
                    kpi.unit = rs.getString("unit");
                    kpi.points = rs.getBigDecimal("points");
                    kpi.actual = rs.getBigDecimal("actual");
                    kpi.met = (Boolean) rs.getObject("met");
                    Date reported = rs.getDate("reported_on");
                    kpi.reportedOn = reported == null ? null : reported.toLocalDate();
                    kpis.put(
                            new KpiKey(rs.getString("department"), rs.getInt("fiscal_year"), rs.getString("kpi")), kpi);
                });
        return new InputsDelta(lines, vouchers, kpis, pins);
    }

    void write(InputsDelta delta) {
        writeYears(delta);
        writeLines(delta);
        writeVouchers(delta);
        writeKpis(delta);
        batch("""
                INSERT INTO qualitative_deduction (event_id, department, fiscal_year, indicator, deduction, reason, evaluator, occurred_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""", delta.deductions);
        batch("""
                INSERT INTO bonus_penalty (event_id, department, fiscal_year, points, reason, occurred_on)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""", delta.bonusPenalties);
    }

    /**
     * Running totals are added (other partitions' consumers may add to the same department-year
     * concurrently); "latest wins" columns are replaced only if this batch had such an event.
     */
    private void writeYears(InputsDelta delta) {
        List<Object[]> rows = new ArrayList<>();
        delta.years.forEach((key, y) -> rows.add(new Object[] {
            key.department(),
            key.fiscalYear(),
            y.departmentName,
            y.rubric,
            y.rubricVersion,
            y.quarterTargets,
            y.generalQuarterNet[0],
            y.generalQuarterNet[1],
            y.generalQuarterNet[2],
            y.generalQuarterNet[3],
            y.procurementActual,
            y.procurementPlan,
            y.assetsInUse,
            y.assetsTotal,
            y.closed,
            y.lastPosition,
            y.eventsApplied,
            // the flags of the "latest wins" columns, in the order of the SET clause
            y.opened,
            y.opened,
            y.opened,
            y.opened,
            y.assetsReported,
            y.assetsReported
        }));
        batch("""
                INSERT INTO department_year (department, fiscal_year, department_name, rubric, rubric_version, quarter_targets,
                  gpb_q1, gpb_q2, gpb_q3, gpb_q4, procurement_actual, procurement_plan, assets_in_use, assets_total,
                  closed, last_position, events_applied)
                VALUES (?, ?, ?, ?, ?::integer, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ?::numeric, ?, ?, ?)
                ON CONFLICT (department, fiscal_year) DO UPDATE SET
                  department_name = CASE WHEN ?::boolean THEN EXCLUDED.department_name ELSE department_year.department_name END,
                  rubric = CASE WHEN ?::boolean AND department_year.rubric_version IS NULL THEN EXCLUDED.rubric
                    ELSE department_year.rubric END, -- the first pin stays
                  rubric_version = CASE WHEN ?::boolean THEN COALESCE(department_year.rubric_version, EXCLUDED.rubric_version)
                    ELSE department_year.rubric_version END,
                  quarter_targets = CASE WHEN ?::boolean THEN EXCLUDED.quarter_targets ELSE department_year.quarter_targets END,
                  gpb_q1 = department_year.gpb_q1 + EXCLUDED.gpb_q1,
                  gpb_q2 = department_year.gpb_q2 + EXCLUDED.gpb_q2,
                  gpb_q3 = department_year.gpb_q3 + EXCLUDED.gpb_q3,
                  gpb_q4 = department_year.gpb_q4 + EXCLUDED.gpb_q4,
                  procurement_actual = department_year.procurement_actual + EXCLUDED.procurement_actual,
                  procurement_plan = department_year.procurement_plan + EXCLUDED.procurement_plan,
                  assets_in_use = CASE WHEN ?::boolean THEN EXCLUDED.assets_in_use ELSE department_year.assets_in_use END,
                  assets_total = CASE WHEN ?::boolean THEN EXCLUDED.assets_total ELSE department_year.assets_total END,
                  closed = department_year.closed OR EXCLUDED.closed,
                  last_position = GREATEST(department_year.last_position, EXCLUDED.last_position),
                  events_applied = department_year.events_applied + EXCLUDED.events_applied""", rows);
    }

    private void writeLines(InputsDelta delta) {
        List<Object[]> rows = new ArrayList<>();
        delta.lineChanges.entrySet().stream()
                .sorted(Comparator.comparing(
                                (Map.Entry<LineKey, LineChange> e) -> e.getKey().department())
                        .thenComparing(e -> e.getKey().fiscalYear())
                        .thenComparing(e -> e.getKey().line()))
                .forEach(e -> {
                    LineKey k = e.getKey();
                    LineAttrs a = e.getValue().attrs;
                    List<Object> row = new ArrayList<>(List.of(k.department(), k.fiscalYear(), k.line()));
                    row.add(a.name());
                    row.addAll(List.of(a.fundSource(), a.expenditureType(), a.threePublic(), a.appropriation()));
                    row.addAll(List.of(e.getValue().deltas));
                    rows.add(row.toArray());
                });
        String columns = String.join(", ", InputsDelta.LINE_COLUMNS);
        String sums = InputsDelta.LINE_COLUMNS.stream()
                .map(c -> c + " = budget_line." + c + " + EXCLUDED." + c)
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        batch(
                "INSERT INTO budget_line (department, fiscal_year, line, name, fund_source, expenditure_type, three_public, appropriation, "
                        + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (department, fiscal_year, line) DO UPDATE SET " + sums,
                rows);
    }

    private void writeVouchers(InputsDelta delta) {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> reversals = new ArrayList<>();
        delta.vouchers().forEach((k, v) -> {
            if (!v.stored) {
                inserts.add(new Object[] {
                    k.department(),
                    k.fiscalYear(),
                    k.voucher(),
                    v.line,
                    v.amount,
                    v.procurement,
                    Date.valueOf(v.occurredOn),
                    v.reversed
                });
            } else if (v.reversedHere) {
                reversals.add(new Object[] {k.department(), k.fiscalYear(), k.voucher()});
            }
        });
        batch("""
                INSERT INTO voucher (department, fiscal_year, voucher, line, amount, procurement, occurred_on, reversed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (department, fiscal_year, voucher) DO NOTHING""", inserts);
        batch("UPDATE voucher SET reversed = true WHERE department = ? AND fiscal_year = ? AND voucher = ?", reversals);
    }

    private void writeKpis(InputsDelta delta) {
        List<Object[]> rows = new ArrayList<>();
        delta.kpis().forEach((k, v) -> {
            if (v != null && v.changed) {
                rows.add(new Object[] {
                    k.department(),
                    k.fiscalYear(),
                    k.kpi(),
                    v.task,
                    v.name,
                    v.direction,
                    v.target,
                    v.targetDescription,
                    v.unit,
                    v.points,
                    v.actual,
                    v.met,
                    v.reportedOn == null ? null : Date.valueOf(v.reportedOn)
                });
            }
        });
        batch("""
                INSERT INTO kpi (department, fiscal_year, kpi, task, name, direction, target, target_description, unit, points,
                  actual, met, reported_on)
                VALUES (?, ?, ?, ?, ?, ?, ?::numeric, ?, ?, ?, ?::numeric, ?::boolean, ?::date)
                ON CONFLICT (department, fiscal_year, kpi) DO UPDATE SET task = EXCLUDED.task, name = EXCLUDED.name,
                  direction = EXCLUDED.direction, target = EXCLUDED.target, target_description = EXCLUDED.target_description,
                  unit = EXCLUDED.unit, points = EXCLUDED.points, actual = EXCLUDED.actual, met = EXCLUDED.met,
                  reported_on = EXCLUDED.reported_on""", rows);
    }

    /** Rows of {@code table} whose (department, fiscal_year, {@code keyColumn}) is one of {@code keys}. */
    private void byKeys(String table, String keyColumn, List<Object[]> keys, RowCallbackHandler each) {
        if (keys.isEmpty()) {
            return;
        }
        String[] departments = keys.stream().map(k -> (String) k[0]).toArray(String[]::new);
        Integer[] years = keys.stream().map(k -> (Integer) k[1]).toArray(Integer[]::new);
        String[] names = keys.stream().map(k -> (String) k[2]).toArray(String[]::new);
        // table and column names come from this class only, never from input
        jdbc.query(
                "SELECT t.* FROM " + table + " t JOIN unnest(?::text[], ?::integer[], ?::text[]) AS k(d, y, n)"
                        + " ON t.department = k.d AND t.fiscal_year = k.y AND t." + keyColumn + " = k.n",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", departments));
                    ps.setArray(2, ps.getConnection().createArrayOf("int4", years));
                    ps.setArray(3, ps.getConnection().createArrayOf("text", names));
                },
                each);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }
}
