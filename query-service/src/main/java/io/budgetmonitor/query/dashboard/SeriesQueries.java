package io.budgetmonitor.query.dashboard;

import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ExecutionCalculator;
import io.budgetmonitor.query.execution.ExecutionQueries;
import io.budgetmonitor.query.execution.LineFigures;
import io.budgetmonitor.query.execution.Rates;
import io.budgetmonitor.query.execution.TimeProgress;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds {@link ExecutionSeries} from the event-log copy: the read model keeps execution per quarter
 * only, the log keeps every disbursement's business date. Net amounts are summed per day and line in
 * PostgreSQL (exact numeric), then accumulated per fund source here. Dates outside the fiscal year are
 * counted on its first or last day, as the quarterly figures count them in Q1 or Q4.
 */
@Service
public class SeriesQueries {
    /** How far apart the points are. */
    public enum Interval {
        WEEK,
        MONTH
    }

    private final ExecutionQueries queries;
    private final JdbcTemplate jdbc;

    public SeriesQueries(ExecutionQueries queries, JdbcTemplate jdbc) {
        this.queries = queries;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public ExecutionSeries series(String department, int year, Interval interval, LocalDate asOfOrNull) {
        DepartmentYearState state = queries.state(department, year, null, null);
        LocalDate asOf = queries.evaluationDate(asOfOrNull, year);
        List<LocalDate> dates = dates(year, interval, asOf);
        Map<String, FundSource> fundOf = new HashMap<>();
        for (LineFigures line : state.lines()) {
            fundOf.put(line.line(), line.fundSource());
        }
        // day → line → net execution, for days up to asOf
        TreeMap<LocalDate, Map<String, Money>> byDay = new TreeMap<>();
        jdbc.query(
                "select occurred_on, payload->>'line' as line, sum(case when event_type = 'DisbursementRecorded' "
                        + "then (payload->>'amount')::numeric else -(payload->>'amount')::numeric end) as net "
                        + "from event_log where department = ? and fiscal_year = ? "
                        + "and event_type in ('DisbursementRecorded', 'DisbursementReversed') "
                        + "group by occurred_on, payload->>'line'",
                rs -> {
                    LocalDate day = TimeProgress.clamp(rs.getDate("occurred_on").toLocalDate(), year);
                    byDay.computeIfAbsent(day, d -> new HashMap<>())
                            .merge(rs.getString("line"), Money.of(rs.getBigDecimal("net")), Money::plus);
                },
                department,
                year);

        List<FundSource> sources = new ArrayList<>();
        for (FundSource fs : FundSource.values()) {
            if (state.lines().stream().anyMatch(l -> l.fundSource() == fs)) {
                sources.add(fs);
            }
        }
        Map<FundSource, List<Money>> cumulative = new HashMap<>();
        sources.forEach(fs -> cumulative.put(fs, new ArrayList<>()));
        List<Money> total = new ArrayList<>();
        Map<FundSource, Money> running = new HashMap<>();
        Money runningTotal = Money.ZERO;
        var days = byDay.entrySet().iterator();
        Map.Entry<LocalDate, Map<String, Money>> next = days.hasNext() ? days.next() : null;
        for (LocalDate date : dates) {
            while (next != null && !next.getKey().isAfter(date)) {
                for (Map.Entry<String, Money> line : next.getValue().entrySet()) {
                    FundSource fs = fundOf.get(line.getKey());
                    if (fs != null) {
                        running.merge(fs, line.getValue(), Money::plus);
                    }
                    runningTotal = runningTotal.plus(line.getValue());
                }
                next = days.hasNext() ? days.next() : null;
            }
            for (FundSource fs : sources) {
                cumulative.get(fs).add(running.getOrDefault(fs, Money.ZERO));
            }
            total.add(runningTotal);
        }

        List<ExecutionSeries.Series> byFund = new ArrayList<>();
        for (FundSource fs : sources) {
            Money budget = ExecutionCalculator.sum(state.lines(), l -> l.fundSource() == fs, LineFigures::budget);
            byFund.add(series(fs.name(), budget, cumulative.get(fs)));
        }
        List<String> progress = dates.stream()
                .map(d -> Rates.text(queries.timeProgress().ratio(d, year)))
                .toList();
        List<ExecutionSeries.QuarterTarget> targets = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            targets.add(new ExecutionSeries.QuarterTarget(
                    q, Quarter.of(q).lastDay(year), Rates.text(ExecutionCalculator.quarterTarget(state, q))));
        }
        return new ExecutionSeries(
                department,
                year,
                asOf,
                interval.name().toLowerCase(java.util.Locale.ROOT),
                dates,
                progress,
                series("TOTAL", state.budget(), total),
                byFund,
                targets);
    }

    private static ExecutionSeries.Series series(String key, Money budget, List<Money> executed) {
        return new ExecutionSeries.Series(
                key,
                budget,
                executed,
                executed.stream().map(e -> Rates.text(Rates.ratio(e, budget))).toList());
    }

    /** Each week's Sunday or each month's last day up to {@code asOf}, then {@code asOf} unless it is one of them. */
    static List<LocalDate> dates(int year, Interval interval, LocalDate asOf) {
        List<LocalDate> dates = new ArrayList<>();
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate date = interval == Interval.WEEK
                ? first.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY))
                : first.with(TemporalAdjusters.lastDayOfMonth());
        while (!date.isAfter(asOf)) {
            dates.add(date);
            date = interval == Interval.WEEK
                    ? date.plusWeeks(1)
                    : date.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth());
        }
        if (dates.isEmpty() || !dates.get(dates.size() - 1).equals(asOf)) {
            dates.add(asOf);
        }
        return dates;
    }
}
