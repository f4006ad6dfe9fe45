package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.scoring.rubric.RubricPin;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the maintained inputs of a department-year: a handful of small queries whose cost depends on
 * the number of lines and KPIs, not on the number of events.
 */
@Repository
public class InputsRepository {

    private final JdbcTemplate jdbc;

    public InputsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The inputs, or empty when no event of that department-year was applied. */
    public Optional<IndicatorInputs> load(String department, int fiscalYear, long position) {
        List<Header> headers = jdbc.query(
                "SELECT * FROM department_year WHERE department = ? AND fiscal_year = ?",
                (rs, i) -> header(rs),
                department,
                fiscalYear);
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        Header h = headers.get(0);
        List<LineInputs> lines = jdbc.query(
                "SELECT * FROM budget_line WHERE department = ? AND fiscal_year = ? ORDER BY line",
                (rs, i) -> line(rs),
                department,
                fiscalYear);
        List<KpiInputs> kpis = jdbc.query(
                "SELECT * FROM kpi WHERE department = ? AND fiscal_year = ? ORDER BY task, kpi",
                (rs, i) -> kpi(rs),
                department,
                fiscalYear);
        List<QualitativeDeduction> deductions = jdbc.query(
                "SELECT * FROM qualitative_deduction WHERE department = ? AND fiscal_year = ? ORDER BY id",
                (rs, i) -> new QualitativeDeduction(
                        rs.getString("indicator"),
                        rs.getBigDecimal("deduction"),
                        rs.getString("reason"),
                        rs.getString("evaluator"),
                        date(rs, "occurred_on")),
                department,
                fiscalYear);
        List<BonusPenalty> bonus = jdbc.query(
                "SELECT * FROM bonus_penalty WHERE department = ? AND fiscal_year = ? ORDER BY id",
                (rs, i) ->
                        new BonusPenalty(rs.getBigDecimal("points"), rs.getString("reason"), date(rs, "occurred_on")),
                department,
                fiscalYear);
        return Optional.of(new IndicatorInputs(
                department,
                fiscalYear,
                h.name(),
                h.rubric(),
                h.targets(),
                lines,
                h.quarters(),
                h.procurementActual(),
                h.procurementPlan(),
                h.assetsInUse(),
                h.assetsTotal(),
                kpis,
                deductions,
                bonus,
                h.closed(),
                position));
    }

    /** The log position of the last event applied to a department-year's inputs (−1 when none was). */
    public long lastApplied(String department, int fiscalYear) {
        return jdbc
                .query(
                        "SELECT last_position FROM department_year WHERE department = ? AND fiscal_year = ?",
                        (rs, i) -> rs.getLong(1),
                        department,
                        fiscalYear)
                .stream()
                .findFirst()
                .orElse(-1L);
    }

    /** Every department-year with inputs, for district-wide evaluation. */
    public List<String[]> departmentYears() {
        return jdbc.query(
                "SELECT department, fiscal_year FROM department_year ORDER BY department, fiscal_year",
                (rs, i) -> new String[] {rs.getString(1), Integer.toString(rs.getInt(2))});
    }

    private record Header(
            String name,
            String rubric,
            List<BigDecimal> targets,
            List<Money> quarters,
            Money procurementActual,
            Money procurementPlan,
            Money assetsInUse,
            Money assetsTotal,
            boolean closed) {}

    private static Header header(ResultSet rs) throws SQLException {
        String targets = rs.getString("quarter_targets");
        Integer version = (Integer) rs.getObject("rubric_version");
        return new Header(
                rs.getString("department_name"),
                new RubricPin(rs.getString("rubric"), version).reference(),
                targets == null
                        ? List.of()
                        : Arrays.stream(targets.split(",")).map(BigDecimal::new).toList(),
                List.of(money(rs, "gpb_q1"), money(rs, "gpb_q2"), money(rs, "gpb_q3"), money(rs, "gpb_q4")),
                money(rs, "procurement_actual"),
                money(rs, "procurement_plan"),
                nullableMoney(rs, "assets_in_use"),
                nullableMoney(rs, "assets_total"),
                rs.getBoolean("closed"));
    }

    private static LineInputs line(ResultSet rs) throws SQLException {
        return new LineInputs(
                rs.getString("line"),
                rs.getString("name"),
                FundSource.valueOf(rs.getString("fund_source")),
                ExpenditureType.valueOf(rs.getString("expenditure_type")),
                ThreePublicCategory.valueOf(rs.getString("three_public")),
                rs.getBoolean("appropriation"),
                money(rs, "allocated"),
                money(rs, "supplements"),
                money(rs, "reductions"),
                money(rs, "transfers_in"),
                money(rs, "transfers_out"),
                money(rs, "disbursed"),
                money(rs, "reversed"),
                money(rs, "reclaimed"),
                money(rs, "carried_over"));
    }

    private static KpiInputs kpi(ResultSet rs) throws SQLException {
        Object met = rs.getObject("met");
        return new KpiInputs(
                rs.getString("kpi"),
                rs.getString("task"),
                rs.getString("name"),
                KpiDirection.valueOf(rs.getString("direction")),
                rs.getBigDecimal("target"),
                rs.getString("target_description"),
                rs.getString("unit"),
                rs.getBigDecimal("points"),
                rs.getBigDecimal("actual"),
                met == null ? null : (Boolean) met,
                date(rs, "reported_on"));
    }

    private static Money money(ResultSet rs, String column) throws SQLException {
        return Money.of(rs.getBigDecimal(column));
    }

    private static Money nullableMoney(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : Money.of(value);
    }

    private static java.time.LocalDate date(ResultSet rs, String column) throws SQLException {
        Date value = rs.getDate(column);
        return value == null ? null : value.toLocalDate();
    }
}
