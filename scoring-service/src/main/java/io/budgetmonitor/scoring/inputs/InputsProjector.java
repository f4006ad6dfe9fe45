package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.events.AssetUtilizationReported;
import io.budgetmonitor.api.events.BonusPenaltyRecorded;
import io.budgetmonitor.api.events.BudgetAdjusted;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.BudgetTransferredIn;
import io.budgetmonitor.api.events.BudgetTransferredOut;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.FiscalYearClosed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.FundsCarriedOver;
import io.budgetmonitor.api.events.FundsReclaimed;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetAdjusted;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.events.ProcurementPlanApproved;
import io.budgetmonitor.api.events.QualitativeAssessmentRecorded;
import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.scoring.rubric.RubricPin;
import io.budgetmonitor.scoring.rubric.RubricRegistry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns one event into the change of the indicator inputs it implies: a few constant-cost row updates,
 * so an evaluation reads totals instead of re-scanning the log. Runs inside the caller's transaction
 * (the one that also advances the aggregate's sequence number).
 */
@Component
public class InputsProjector {

    private final JdbcTemplate jdbc;
    private final RubricRegistry rubrics;

    public InputsProjector(JdbcTemplate jdbc, RubricRegistry rubrics) {
        this.jdbc = jdbc;
        this.rubrics = rubrics;
    }

    public void apply(RecordedEvent recorded) {
        BudgetEvent event = recorded.event();
        String d = event.department();
        int y = event.fiscalYear();
        jdbc.update("""
                INSERT INTO department_year (department, fiscal_year, last_position, events_applied) VALUES (?, ?, ?, 1)
                ON CONFLICT (department, fiscal_year) DO UPDATE
                SET last_position = GREATEST(department_year.last_position, EXCLUDED.last_position),
                    events_applied = department_year.events_applied + 1""", d, y, recorded.position());
        if (event instanceof FiscalYearOpened e) {
            String targets = e.quarterTargets() == null || e.quarterTargets().isEmpty()
                    ? null
                    : e.quarterTargets().stream().map(BigDecimal::toPlainString).collect(Collectors.joining(","));
            // the first pin stays: nothing applied later (a redelivery, a newer upload) moves a year to another version
            RubricPin pin = rubrics.pin(e.rubric(), recorded.recordedAt());
            jdbc.update("""
                    UPDATE department_year SET department_name = ?, quarter_targets = ?,
                      rubric = CASE WHEN rubric_version IS NULL THEN ? ELSE rubric END,
                      rubric_version = COALESCE(rubric_version, ?::integer)
                    WHERE department = ? AND fiscal_year = ?""", e.departmentName(), targets, pin.rubric(), pin.version(), d, y);
        } else if (event instanceof BudgetAllocated e) {
            jdbc.update(
                    """
                    INSERT INTO budget_line (department, fiscal_year, line, name, fund_source, expenditure_type, three_public, appropriation, allocated)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (department, fiscal_year, line) DO UPDATE SET allocated = budget_line.allocated + EXCLUDED.allocated""",
                    d,
                    y,
                    e.line(),
                    e.name(),
                    e.fundSource().name(),
                    e.expenditureType().name(),
                    e.threePublic().name(),
                    e.appropriation(),
                    e.amount().amount());
        } else if (event instanceof BudgetAdjusted e) {
            addToLine(
                    e.kind() == AdjustmentKind.SUPPLEMENT ? "supplements" : "reductions",
                    e.amount().amount(),
                    d,
                    y,
                    e.line());
        } else if (event instanceof BudgetTransferredOut e) {
            addToLine("transfers_out", e.amount().amount(), d, y, e.line());
        } else if (event instanceof BudgetTransferredIn e) {
            addToLine("transfers_in", e.amount().amount(), d, y, e.line());
        } else if (event instanceof DisbursementRecorded e) {
            disbursed(e, d, y);
        } else if (event instanceof DisbursementReversed e) {
            reversed(e, d, y);
        } else if (event instanceof FundsReclaimed e) {
            addToLine("reclaimed", e.amount().amount(), d, y, e.line());
        } else if (event instanceof FundsCarriedOver e) {
            addToLine("carried_over", e.amount().amount(), d, y, e.line());
        } else if (event instanceof FiscalYearClosed) {
            jdbc.update("UPDATE department_year SET closed = true WHERE department = ? AND fiscal_year = ?", d, y);
        } else if (event instanceof ProcurementPlanApproved e) {
            jdbc.update(
                    "UPDATE department_year SET procurement_plan = procurement_plan + ? WHERE department = ? AND fiscal_year = ?",
                    e.amount().amount(),
                    d,
                    y);
        } else if (event instanceof AssetUtilizationReported e) {
            // the latest report counts: the stream of the year is in order, so the last applied is the latest
            jdbc.update(
                    "UPDATE department_year SET assets_in_use = ?, assets_total = ? WHERE department = ? AND fiscal_year = ?",
                    e.inUse().amount(),
                    e.total().amount(),
                    d,
                    y);
        } else if (event instanceof PerformanceTargetSet e) {
            jdbc.update(
                    """
                    INSERT INTO kpi (department, fiscal_year, kpi, task, name, direction, target, target_description, unit, points)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (department, fiscal_year, kpi) DO UPDATE SET task = EXCLUDED.task, name = EXCLUDED.name,
                      direction = EXCLUDED.direction, target = EXCLUDED.target, target_description = EXCLUDED.target_description,
                      unit = EXCLUDED.unit, points = EXCLUDED.points""",
                    d,
                    y,
                    e.kpi(),
                    e.task(),
                    e.name(),
                    e.direction().name(),
                    e.target(),
                    e.targetDescription(),
                    e.unit(),
                    e.points() == null ? BigDecimal.ZERO : e.points());
        } else if (event instanceof PerformanceTargetAdjusted e) {
            jdbc.update(
                    "UPDATE kpi SET target = ?, target_description = COALESCE(?, target_description) WHERE department = ? AND fiscal_year = ? AND kpi = ?",
                    e.target(),
                    e.targetDescription(),
                    d,
                    y,
                    e.kpi());
        } else if (event instanceof PerformanceProgressReported e) {
            jdbc.update(
                    "UPDATE kpi SET actual = ?, met = ?, reported_on = ? WHERE department = ? AND fiscal_year = ? AND kpi = ?",
                    e.actual(),
                    e.met(),
                    e.occurredOn(),
                    d,
                    y,
                    e.kpi());
        } else if (event instanceof QualitativeAssessmentRecorded e) {
            jdbc.update(
                    """
                    INSERT INTO qualitative_deduction (event_id, department, fiscal_year, indicator, deduction, reason, evaluator, occurred_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                    recorded.eventId(),
                    d,
                    y,
                    e.indicator(),
                    e.deduction(),
                    e.reason(),
                    e.evaluator(),
                    e.occurredOn());
        } else if (event instanceof BonusPenaltyRecorded e) {
            jdbc.update("""
                    INSERT INTO bonus_penalty (event_id, department, fiscal_year, points, reason, occurred_on)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""", recorded.eventId(), d, y, e.points(), e.reason(), e.occurredOn());
        }
        // DisbursementRejected and QuarterClosed change no scoring input: the refusal spent nothing, and the
        // department's reported quarterly figures are reconciled by the query side, not scored (RUBRIC.md A1.5)
    }

    private void disbursed(DisbursementRecorded e, String d, int y) {
        String fundSource = addToLine("disbursed", e.amount().amount(), d, y, e.line());
        jdbc.update("""
                INSERT INTO voucher (department, fiscal_year, voucher, line, amount, procurement, occurred_on)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (department, fiscal_year, voucher) DO NOTHING""", d, y, e.voucher(), e.line(), e.amount().amount(), e.procurement(), e.occurredOn());
        if (e.procurement()) {
            jdbc.update(
                    "UPDATE department_year SET procurement_actual = procurement_actual + ? WHERE department = ? AND fiscal_year = ?",
                    e.amount().amount(),
                    d,
                    y);
        }
        if (FundSource.GENERAL_PUBLIC_BUDGET.name().equals(fundSource)) {
            addToQuarter(e.amount().amount(), e.occurredOn(), d, y);
        }
    }

    private void reversed(DisbursementReversed e, String d, int y) {
        String fundSource = addToLine("reversed", e.amount().amount(), d, y, e.line());
        List<Boolean> procurement = jdbc.queryForList("""
                UPDATE voucher SET reversed = true WHERE department = ? AND fiscal_year = ? AND voucher = ?
                RETURNING procurement""", Boolean.class, d, y, e.voucher());
        if (!procurement.isEmpty() && Boolean.TRUE.equals(procurement.get(0))) {
            jdbc.update(
                    "UPDATE department_year SET procurement_actual = procurement_actual - ? WHERE department = ? AND fiscal_year = ?",
                    e.amount().amount(),
                    d,
                    y);
        }
        if (FundSource.GENERAL_PUBLIC_BUDGET.name().equals(fundSource)) {
            // a reversal (冲销) is a voucher of its own date: it reduces the cumulative execution from then on
            addToQuarter(e.amount().amount().negate(), e.occurredOn(), d, y);
        }
    }

    /** Adds to one running total of a line; returns the line's fund source. */
    private String addToLine(String column, BigDecimal amount, String d, int y, String line) {
        // column names come from this class only, never from input
        List<String> source = jdbc.queryForList(
                "UPDATE budget_line SET " + column + " = " + column + " + ? "
                        + "WHERE department = ? AND fiscal_year = ? AND line = ? RETURNING fund_source",
                String.class,
                amount,
                d,
                y,
                line);
        if (source.isEmpty()) {
            throw new IllegalStateException("budget line " + d + ":" + y + ":" + line + " has no BudgetAllocated yet");
        }
        return source.get(0);
    }

    private void addToQuarter(BigDecimal amount, LocalDate on, String d, int y) {
        int quarter = on.getYear() < y
                ? 1
                : on.getYear() > y ? 4 : Quarter.containing(on).number();
        jdbc.update(
                "UPDATE department_year SET gpb_q" + quarter + " = gpb_q" + quarter
                        + " + ? WHERE department = ? AND fiscal_year = ?",
                amount,
                d,
                y);
    }
}
