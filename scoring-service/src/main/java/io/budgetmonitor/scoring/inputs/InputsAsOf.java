package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * 截至某日的评价基础数据: the inputs of a department-year as they stood at the end of a business date,
 * from {@link DatedInputs}' rows — no event dated after {@code asOf} counts, whenever it was recorded.
 * Line attributes, the department's name, rubric pin and time-progress targets are the year's (they do
 * not move with dates). Among facts of the same kind dated on or before {@code asOf}, the one later in
 * the log wins, as it does for the running totals.
 */
@Repository
public class InputsAsOf {

    /** A date after every business date: the cut that must reproduce the running totals. */
    public static final LocalDate EVERYTHING = LocalDate.of(9999, 12, 31);

    private final JdbcTemplate jdbc;
    private final InputsRepository live;

    InputsAsOf(JdbcTemplate jdbc, InputsRepository live) {
        this.jdbc = jdbc;
        this.live = live;
    }

    /** The year's inputs as of the end of {@code asOf}, or empty when no event of it was applied. */
    public Optional<IndicatorInputs> load(String department, int fiscalYear, LocalDate asOf, long position) {
        return live.load(department, fiscalYear, position).map(year -> cut(year, asOf));
    }

    /**
     * Whether the dated rows reproduce the running totals (they do unless some events were applied
     * before the dated rows existed, or outside the batch path): an as-of cut is exact only then.
     */
    public boolean complete(IndicatorInputs year) {
        return cut(year, EVERYTHING).equals(year);
    }

    /** {@code year} (the running totals) cut at the end of {@code asOf}. */
    public IndicatorInputs cut(IndicatorInputs year, LocalDate asOf) {
        String d = year.department();
        int y = year.fiscalYear();
        Date until = Date.valueOf(asOf);
        Map<String, BigDecimal[]> sums = new HashMap<>();
        BigDecimal[] gpbQuarters = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        Map<String, LineInputs> lines = new HashMap<>();
        year.lines().forEach(l -> lines.put(l.line(), l));
        int n = DatedInputs.LINE_DAY_COLUMNS.size();
        jdbc.query(
                "SELECT * FROM line_day WHERE department = ? AND fiscal_year = ? AND occurred_on <= ?",
                rs -> {
                    String line = rs.getString("line");
                    BigDecimal[] total = sums.computeIfAbsent(line, k -> {
                        BigDecimal[] zeros = new BigDecimal[n];
                        java.util.Arrays.fill(zeros, BigDecimal.ZERO);
                        return zeros;
                    });
                    for (int i = 0; i < n; i++) {
                        total[i] = total[i].add(rs.getBigDecimal(DatedInputs.LINE_DAY_COLUMNS.get(i)));
                    }
                    LineInputs attributes = lines.get(line);
                    if (attributes != null && attributes.fundSource() == FundSource.GENERAL_PUBLIC_BUDGET) {
                        int q = DatedInputs.quarterOf(rs.getDate("occurred_on").toLocalDate(), y);
                        gpbQuarters[q - 1] = gpbQuarters[q - 1]
                                .add(rs.getBigDecimal("disbursed"))
                                .subtract(rs.getBigDecimal("reversed"));
                    }
                },
                d,
                y,
                until);
        List<LineInputs> cutLines = new ArrayList<>();
        BigDecimal procurement = BigDecimal.ZERO;
        for (LineInputs line : year.lines()) { // in the running totals' order
            BigDecimal[] s = sums.get(line.line());
            if (s == null) {
                continue; // nothing of it dated by then: not allocated yet
            }
            cutLines.add(new LineInputs(
                    line.line(),
                    line.name(),
                    line.fundSource(),
                    line.expenditureType(),
                    line.threePublic(),
                    line.appropriation(),
                    Money.of(s[0]),
                    Money.of(s[1]),
                    Money.of(s[2]),
                    Money.of(s[3]),
                    Money.of(s[4]),
                    Money.of(s[5]),
                    Money.of(s[6]),
                    Money.of(s[7]),
                    Money.of(s[8])));
            procurement = procurement.add(s[9]);
        }
        YearFacts facts = yearFacts(d, y, until);
        return new IndicatorInputs(
                d,
                y,
                year.departmentName(),
                year.rubric(),
                year.quarterTargets(),
                cutLines,
                List.of(
                        Money.of(gpbQuarters[0]),
                        Money.of(gpbQuarters[1]),
                        Money.of(gpbQuarters[2]),
                        Money.of(gpbQuarters[3])),
                Money.of(procurement),
                Money.of(facts.procurementPlan),
                facts.assetsInUse,
                facts.assetsTotal,
                kpis(year, until),
                year.deductions().stream()
                        .filter(q -> q.occurredOn() == null || !q.occurredOn().isAfter(asOf))
                        .toList(),
                year.bonusPenalties().stream()
                        .filter(b -> b.occurredOn() == null || !b.occurredOn().isAfter(asOf))
                        .toList(),
                facts.closed,
                year.position());
    }

    private static final class YearFacts {
        BigDecimal procurementPlan = BigDecimal.ZERO;
        Money assetsInUse;
        Money assetsTotal;
        boolean closed;
    }

    private YearFacts yearFacts(String d, int y, Date until) {
        YearFacts facts = new YearFacts();
        jdbc.query(
                "SELECT * FROM year_fact WHERE department = ? AND fiscal_year = ? AND occurred_on <= ? ORDER BY position",
                rs -> {
                    switch (rs.getString("kind")) {
                        case "PROCUREMENT_PLAN" ->
                            facts.procurementPlan = facts.procurementPlan.add(rs.getBigDecimal("amount"));
                        case "ASSETS" -> { // the latest report counts
                            facts.assetsInUse = Money.of(rs.getBigDecimal("amount"));
                            facts.assetsTotal = Money.of(rs.getBigDecimal("total"));
                        }
                        case "CLOSED" -> facts.closed = true;
                        default -> throw new IllegalStateException("unknown year fact " + rs.getString("kind"));
                    }
                },
                d,
                y,
                until);
        return facts;
    }

    /**
     * The KPIs as their history stood: a target set (again) replaces the attributes and keeps the
     * actual, an adjustment replaces the target (and its description when it gives one), a report the
     * actual; an adjustment or report of a KPI not set yet has no effect — as in {@link InputsDelta}.
     */
    private List<KpiInputs> kpis(IndicatorInputs year, Date until) {
        Map<String, KpiInputs> kpis = new LinkedHashMap<>();
        jdbc.query(
                "SELECT * FROM kpi_fact WHERE department = ? AND fiscal_year = ? AND occurred_on <= ? ORDER BY position",
                rs -> {
                    String code = rs.getString("kpi");
                    KpiInputs kpi = kpis.get(code);
                    switch (rs.getString("kind")) {
                        case "SET" ->
                            kpis.put(
                                    code,
                                    new KpiInputs(
                                            code,
                                            rs.getString("task"),
                                            rs.getString("name"),
                                            KpiDirection.valueOf(rs.getString("direction")),
                                            rs.getBigDecimal("target"),
                                            rs.getString("target_description"),
                                            rs.getString("unit"),
                                            rs.getBigDecimal("points"),
                                            kpi == null ? null : kpi.actual(),
                                            kpi == null ? null : kpi.met(),
                                            kpi == null ? null : kpi.reportedOn()));
                        case "ADJUSTED" -> {
                            if (kpi != null) {
                                String description = rs.getString("target_description");
                                kpis.put(
                                        code,
                                        new KpiInputs(
                                                code,
                                                kpi.task(),
                                                kpi.name(),
                                                kpi.direction(),
                                                rs.getBigDecimal("target"),
                                                description != null ? description : kpi.targetDescription(),
                                                kpi.unit(),
                                                kpi.points(),
                                                kpi.actual(),
                                                kpi.met(),
                                                kpi.reportedOn()));
                            }
                        }
                        case "PROGRESS" -> {
                            if (kpi != null) {
                                Object met = rs.getObject("met");
                                kpis.put(
                                        code,
                                        new KpiInputs(
                                                code,
                                                kpi.task(),
                                                kpi.name(),
                                                kpi.direction(),
                                                kpi.target(),
                                                kpi.targetDescription(),
                                                kpi.unit(),
                                                kpi.points(),
                                                rs.getBigDecimal("actual"),
                                                met == null ? null : (Boolean) met,
                                                rs.getDate("occurred_on").toLocalDate()));
                            }
                        }
                        default -> throw new IllegalStateException("unknown KPI fact " + rs.getString("kind"));
                    }
                },
                year.department(),
                year.fiscalYear(),
                until);
        // in the running totals' order
        List<KpiInputs> ordered = new ArrayList<>();
        for (KpiInputs kpi : year.kpis()) {
            if (kpis.containsKey(kpi.kpi())) {
                ordered.add(kpis.get(kpi.kpi()));
            }
        }
        return ordered;
    }
}
