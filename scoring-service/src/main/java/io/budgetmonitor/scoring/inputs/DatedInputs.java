package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.events.DeviationExplained;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetAdjusted;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.scoring.inputs.InputsDelta.LineKey;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The indicator inputs by business date (occurredOn), written with the running totals in the batch's
 * transaction, so that an as-of cut ({@link InputsAsOf}) uses no event dated after its day: each line's
 * totals per day ({@code line_day}, additive like {@code budget_line}), and one row per event for the
 * few year and KPI facts whose latest or sum counts ({@code year_fact}, {@code kpi_fact}), plus the
 * deviation explanations of the monitoring report. Which event changes which total is decided once,
 * in {@link InputsDelta}, which reports each change here with its date.
 */
@Repository
public class DatedInputs {

    /** {@code line_day}'s amount columns: the running totals of {@link InputsDelta#LINE_COLUMNS}, then procurement. */
    static final List<String> LINE_DAY_COLUMNS = columns();

    private final JdbcTemplate jdbc;

    DatedInputs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The quarter of the year whose general-public-budget execution a payment dated {@code on} counts
     * in: its own, or Q1 for a date before the year and Q4 for one after it (settlements in January).
     */
    public static int quarterOf(LocalDate on, int fiscalYear) {
        return on.getYear() < fiscalYear
                ? 1
                : on.getYear() > fiscalYear ? 4 : Quarter.containing(on).number();
    }

    private static List<String> columns() {
        List<String> all = new ArrayList<>(InputsDelta.LINE_COLUMNS);
        all.add("procurement");
        return List.copyOf(all);
    }

    /** A line on one business date. */
    record LineDay(LineKey line, LocalDate on) {}

    /** What a batch adds by date; filled by {@link InputsDelta} as it applies each event. */
    static final class Delta {

        private static final Comparator<LineDay> ORDER = Comparator.comparing(
                        (LineDay k) -> k.line().department())
                .thenComparingInt(k -> k.line().fiscalYear())
                .thenComparing(k -> k.line().line())
                .thenComparing(LineDay::on);

        // sorted: rows are written in key order, so concurrent consumers lock shared rows in the same order
        final Map<LineDay, BigDecimal[]> lineDays = new TreeMap<>(ORDER);
        final List<Object[]> yearFacts = new ArrayList<>();
        final List<Object[]> kpiFacts = new ArrayList<>();
        final List<Object[]> deviations = new ArrayList<>();
        private RecordedEvent current;

        void event(RecordedEvent recorded) {
            current = recorded;
        }

        void line(LineKey line, LocalDate on, int column, BigDecimal amount) {
            BigDecimal[] sums = lineDays.computeIfAbsent(new LineDay(line, on), k -> zeros());
            sums[column] = sums[column].add(amount);
        }

        void procurement(LineKey line, LocalDate on, BigDecimal amount) {
            line(line, on, LINE_DAY_COLUMNS.size() - 1, amount);
        }

        void yearFact(String kind, BigDecimal amount, BigDecimal total) {
            yearFacts.add(new Object[] {
                current.eventId(),
                current.event().department(),
                current.event().fiscalYear(),
                Date.valueOf(current.event().occurredOn()),
                current.position(),
                kind,
                amount,
                total
            });
        }

        void kpiSet(PerformanceTargetSet e) {
            kpiFact(
                    e.kpi(),
                    "SET",
                    e.task(),
                    e.name(),
                    e.direction().name(),
                    e.target(),
                    e.targetDescription(),
                    e.unit(),
                    e.points() == null ? BigDecimal.ZERO : e.points(),
                    null,
                    null);
        }

        void kpiAdjusted(PerformanceTargetAdjusted e) {
            kpiFact(e.kpi(), "ADJUSTED", null, null, null, e.target(), e.targetDescription(), null, null, null, null);
        }

        void kpiProgress(PerformanceProgressReported e) {
            kpiFact(e.kpi(), "PROGRESS", null, null, null, null, null, null, null, e.actual(), e.met());
        }

        void deviation(DeviationExplained e) {
            deviations.add(new Object[] {
                current.eventId(),
                e.department(),
                e.fiscalYear(),
                e.subject(),
                e.cause(),
                e.measure(),
                current.recordedBy() == null ? "" : current.recordedBy(),
                Date.valueOf(e.occurredOn()),
                current.position()
            });
        }

        private void kpiFact(
                String kpi,
                String kind,
                String task,
                String name,
                String direction,
                BigDecimal target,
                String targetDescription,
                String unit,
                BigDecimal points,
                BigDecimal actual,
                Boolean met) {
            kpiFacts.add(new Object[] {
                current.eventId(),
                current.event().department(),
                current.event().fiscalYear(),
                kpi,
                Date.valueOf(current.event().occurredOn()),
                current.position(),
                kind,
                task,
                name,
                direction,
                target,
                targetDescription,
                unit,
                points,
                actual,
                met
            });
        }

        private static BigDecimal[] zeros() {
            BigDecimal[] values = new BigDecimal[LINE_DAY_COLUMNS.size()];
            Arrays.fill(values, BigDecimal.ZERO);
            return values;
        }
    }

    /**
     * Writes a batch's dated changes. Day totals are added like the running totals (the batch is applied
     * exactly once); per-event rows are keyed by event id, so writing one twice changes nothing.
     */
    void write(Delta delta) {
        List<Object[]> days = new ArrayList<>();
        delta.lineDays.forEach((k, sums) -> {
            List<Object> row = new ArrayList<>(List.of(
                    k.line().department(), k.line().fiscalYear(), k.line().line(), Date.valueOf(k.on())));
            row.addAll(Arrays.asList(sums));
            days.add(row.toArray());
        });
        String columns = String.join(", ", LINE_DAY_COLUMNS);
        String sums = LINE_DAY_COLUMNS.stream()
                .map(c -> c + " = line_day." + c + " + EXCLUDED." + c)
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        batch(
                "INSERT INTO line_day (department, fiscal_year, line, occurred_on, " + columns + ") VALUES (?, ?, ?, ?"
                        + ", ?".repeat(LINE_DAY_COLUMNS.size())
                        + ") ON CONFLICT (department, fiscal_year, line, occurred_on) DO UPDATE SET " + sums,
                days);
        batch("""
                INSERT INTO year_fact (event_id, department, fiscal_year, occurred_on, position, kind, amount, total)
                VALUES (?, ?, ?, ?, ?, ?, ?::numeric, ?::numeric) ON CONFLICT (event_id) DO NOTHING""", delta.yearFacts);
        batch("""
                INSERT INTO kpi_fact (event_id, department, fiscal_year, kpi, occurred_on, position, kind, task, name,
                  direction, target, target_description, unit, points, actual, met)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ?, ?, ?::numeric, ?::numeric, ?::boolean)
                ON CONFLICT (event_id) DO NOTHING""", delta.kpiFacts);
        batch("""
                INSERT INTO deviation_explanation (event_id, department, fiscal_year, subject, cause, measure,
                  explained_by, occurred_on, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""", delta.deviations);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }
}
