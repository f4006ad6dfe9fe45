package io.budgetmonitor.command.fiscalyear;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.budgetmonitor.api.commands.AdjustPerformanceTarget;
import io.budgetmonitor.api.commands.ApproveProcurementPlan;
import io.budgetmonitor.api.commands.CloseFiscalYear;
import io.budgetmonitor.api.commands.CloseQuarter;
import io.budgetmonitor.api.commands.ExplainDeviation;
import io.budgetmonitor.api.commands.FiscalYearCommand;
import io.budgetmonitor.api.commands.OpenFiscalYear;
import io.budgetmonitor.api.commands.RecordBonusPenalty;
import io.budgetmonitor.api.commands.RecordQualitativeAssessment;
import io.budgetmonitor.api.commands.ReportAssetUtilization;
import io.budgetmonitor.api.commands.ReportPerformanceProgress;
import io.budgetmonitor.api.commands.SetPerformanceTarget;
import io.budgetmonitor.api.events.AssetUtilizationReported;
import io.budgetmonitor.api.events.BonusPenaltyRecorded;
import io.budgetmonitor.api.events.DeviationExplained;
import io.budgetmonitor.api.events.FiscalYearClosed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetAdjusted;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.events.ProcurementPlanApproved;
import io.budgetmonitor.api.events.QualitativeAssessmentRecorded;
import io.budgetmonitor.api.events.QuarterClosed;
import io.budgetmonitor.api.rubric.RubricCodebook;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.command.refusal.CommandRefusedException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A department's fiscal year (部门预算年度) as a whole: its periods (open, quarters closed in
 * order, closed), and what the year-end evaluation needs besides the ledger (procurement plans,
 * fixed assets, performance targets and their progress, qualitative assessments, bonus/penalty).
 *
 * <p>Once closed (年度结账) the year takes no further command. Budget lines learn whether the year
 * is open from the {@link FiscalYearRegister}, which the service keeps in step with these events.
 */
@Aggregate(commandTargetResolver = "budgetCommandTargetResolver")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class FiscalYear {

    @AggregateIdentifier
    private String id;

    private String department;
    private int fiscalYear;
    /** The rubric the year records by: its codebook says which task and indicator codes exist. */
    private String rubric;

    private int lastClosedQuarter;
    private boolean closed;
    /** KPI code → how it is judged: the only thing later commands about a KPI depend on. */
    private Map<String, KpiDirection> kpis = new HashMap<>();
    /** Subject → its current 偏差原因/纠偏措施 (DeviationExplanations#text), to tell a repeat. */
    private Map<String, String> deviations = new HashMap<>();

    /** For Axon (event sourcing). */
    protected FiscalYear() {}

    /** 预算年度开始. Opening the same year twice fails in the event store (the aggregate exists). */
    @CommandHandler
    public FiscalYear(OpenFiscalYear command, RubricCodebooks codebooks) {
        RubricCodebook codebook = codebooks
                .find(command.rubric())
                .orElseThrow(() -> new CommandRefusedException(
                        422,
                        "Unknown rubric",
                        "rubric must be one of " + codebooks.known() + ", was " + command.rubric(),
                        Map.of("field", "rubric", "allowed", codebooks.known())));
        // not stated: the quarter ends of the rubric's time-progress curve, fixed in the event
        List<BigDecimal> targets =
                command.quarterTargets() == null ? codebook.timeProgress().quarterTargets() : command.quarterTargets();
        requireValidQuarterTargets(targets);
        apply(new FiscalYearOpened(
                command.department(),
                command.fiscalYear(),
                command.departmentName(),
                command.rubric(),
                targets,
                command.occurredOn()));
    }

    /**
     * 季度结账, strictly in order 1, 2, 3, 4, and only once the quarter is over: the department
     * reports execution as of the quarter's end, which cannot be known before that day.
     */
    @CommandHandler
    public void handle(CloseQuarter command) {
        requireNotClosed(command);
        Integer number = command.quarter();
        if (number == null || number < 1 || number > 4) {
            throw unprocessable("Invalid quarter", "quarter must be 1 to 4, was " + number, "quarter");
        }
        if (number <= lastClosedQuarter) {
            throw new CommandRefusedException(
                    409,
                    "Quarter already closed",
                    "Quarter %d of %s is already closed".formatted(number, id),
                    Map.of("quarter", number, "lastClosedQuarter", lastClosedQuarter));
        }
        if (number != lastClosedQuarter + 1) {
            throw new CommandRefusedException(
                    409,
                    "Quarter out of order",
                    "Quarters close in order: the next quarter of %s to close is %d, not %d"
                            .formatted(id, lastClosedQuarter + 1, number),
                    Map.of("quarter", number, "nextQuarter", lastClosedQuarter + 1));
        }
        var lastDay = Quarter.of(number).lastDay(fiscalYear);
        if (command.occurredOn() == null || command.occurredOn().isBefore(lastDay)) {
            throw new CommandRefusedException(
                    422,
                    "Quarter not over",
                    "Quarter %d of %d ends on %s; it cannot be closed on %s"
                            .formatted(number, fiscalYear, lastDay, command.occurredOn()),
                    Map.of("field", "occurredOn", "quarterEnd", lastDay.toString()));
        }
        for (Map.Entry<FundSource, Money> reported : command.reportedExecution().entrySet()) {
            if (reported.getValue().isNegative()) {
                throw unprocessable(
                        "Negative reported execution",
                        "reported execution of %s is negative: %s".formatted(reported.getKey(), reported.getValue()),
                        "reportedExecution." + reported.getKey());
            }
        }
        apply(new QuarterClosed(department, fiscalYear, number, command.reportedExecution(), command.occurredOn()));
    }

    /**
     * 年度结账, only after quarter 4 is closed: the fourth quarterly report is the department's
     * year-end execution, and the evaluation scores all four quarters (A1.5), so a year closed
     * without them could never be evaluated completely.
     */
    @CommandHandler
    public void handle(CloseFiscalYear command) {
        requireNotClosed(command);
        if (lastClosedQuarter < 4) {
            throw new CommandRefusedException(
                    409,
                    "Quarters still open",
                    "Fiscal year %s can only be closed after quarter 4; last closed quarter: %d"
                            .formatted(id, lastClosedQuarter),
                    Map.of("lastClosedQuarter", lastClosedQuarter));
        }
        apply(new FiscalYearClosed(department, fiscalYear, command.occurredOn()));
    }

    /** 政府采购计划: plans add up over the year. */
    @CommandHandler
    public void handle(ApproveProcurementPlan command) {
        requireNotClosed(command);
        if (command.amount() == null || !command.amount().isPositive()) {
            throw unprocessable("Amount must be positive", "amount must be a positive amount of yuan", "amount");
        }
        apply(new ProcurementPlanApproved(department, fiscalYear, command.amount(), command.occurredOn()));
    }

    /** 固定资产利用情况: what is in use can be no more than what there is. */
    @CommandHandler
    public void handle(ReportAssetUtilization command) {
        requireNotClosed(command);
        if (command.total() == null || !command.total().isPositive()) {
            throw unprocessable("Invalid asset total", "total must be a positive amount of yuan", "total");
        }
        if (command.inUse() == null || command.inUse().isNegative()) {
            throw unprocessable("Invalid assets in use", "inUse must not be negative", "inUse");
        }
        if (command.inUse().exceeds(command.total())) {
            throw new CommandRefusedException(
                    422,
                    "Assets in use exceed the total",
                    "assets in use (%s) exceed all fixed assets (%s)".formatted(command.inUse(), command.total()),
                    Map.of("field", "inUse", "total", command.total()));
        }
        apply(new AssetUtilizationReported(
                department, fiscalYear, command.inUse(), command.total(), command.occurredOn()));
    }

    /** 绩效指标: one declaration per KPI code and year; later changes go through AdjustPerformanceTarget. */
    @CommandHandler
    public void handle(SetPerformanceTarget command, RubricCodebooks codebooks) {
        requireNotClosed(command);
        RubricCodebook codebook = codebook(codebooks);
        if (kpis.containsKey(command.kpi())) {
            throw new CommandRefusedException(
                    409,
                    "KPI already set",
                    "KPI %s of %s is already set; adjust it instead".formatted(command.kpi(), id),
                    Map.of("kpi", command.kpi()));
        }
        if (command.task() == null || !codebook.tasks().contains(command.task())) {
            throw notInCodebook(
                    "Invalid work task",
                    "task must be one of the tasks of rubric %s: %s, was %s"
                            .formatted(rubric, codebook.sortedTasks(), command.task()),
                    "task",
                    codebook.sortedTasks());
        }
        if (command.points() == null || command.points().signum() <= 0) {
            throw unprocessable("Invalid KPI points", "points must be positive", "points");
        }
        requireTargetFitting(command.direction(), command.target(), command.kpi());
        apply(new PerformanceTargetSet(
                department,
                fiscalYear,
                command.kpi(),
                command.task(),
                command.name(),
                command.direction(),
                command.target(),
                command.targetDescription(),
                command.unit(),
                command.points(),
                command.occurredOn()));
    }

    /** 绩效目标调整 (年中调整) of a declared KPI; the new target must suit its direction. */
    @CommandHandler
    public void handle(AdjustPerformanceTarget command) {
        requireNotClosed(command);
        KpiDirection direction = requireKpi(command.kpi());
        requireTargetFitting(direction, command.target(), command.kpi());
        if (direction == KpiDirection.QUALITATIVE
                && (command.targetDescription() == null
                        || command.targetDescription().isBlank())) {
            throw unprocessable(
                    "Missing target description",
                    "KPI %s is qualitative: its target is a description, which is missing".formatted(command.kpi()),
                    "targetDescription");
        }
        apply(new PerformanceTargetAdjusted(
                department,
                fiscalYear,
                command.kpi(),
                command.target(),
                command.targetDescription(),
                command.reason(),
                command.occurredOn()));
    }

    /** 绩效监控: a cumulative actual for a measured KPI, met or not for a qualitative one — never both. */
    @CommandHandler
    public void handle(ReportPerformanceProgress command) {
        requireNotClosed(command);
        KpiDirection direction = requireKpi(command.kpi());
        if (direction == KpiDirection.QUALITATIVE) {
            if (command.met() == null || command.actual() != null) {
                throw unprocessable(
                        "Invalid progress report",
                        "KPI %s is qualitative: report met (true/false) and no actual".formatted(command.kpi()),
                        "met");
            }
        } else if (command.actual() == null || command.actual().signum() < 0 || command.met() != null) {
            throw unprocessable(
                    "Invalid progress report",
                    "KPI %s is measured: report a non-negative actual and no met".formatted(command.kpi()),
                    "actual");
        }
        apply(new PerformanceProgressReported(
                department, fiscalYear, command.kpi(), command.actual(), command.met(), command.occurredOn()));
    }

    /**
     * 定性评价: an evaluator's deduction from a qualitative indicator of the year's rubric, at most the
     * indicator's points, always with the reason and who decided.
     */
    @CommandHandler
    public void handle(RecordQualitativeAssessment command, RubricCodebooks codebooks) {
        requireNotClosed(command);
        RubricCodebook codebook = codebook(codebooks);
        BigDecimal max =
                command.indicator() == null ? null : codebook.qualitative().get(command.indicator());
        if (max == null) {
            throw notInCodebook(
                    "Invalid indicator",
                    "indicator must be one of the qualitative indicators of rubric %s: %s, was %s"
                            .formatted(rubric, codebook.sortedQualitative(), command.indicator()),
                    "indicator",
                    codebook.sortedQualitative());
        }
        if (command.deduction() == null || command.deduction().signum() < 0) {
            throw unprocessable("Invalid deduction", "deduction must be zero or positive", "deduction");
        }
        if (command.deduction().compareTo(max) > 0) {
            throw new CommandRefusedException(
                    422,
                    "Deduction above the indicator's points",
                    "indicator %s is worth %s points; a deduction of %s cannot be taken from it"
                            .formatted(
                                    command.indicator(),
                                    max.toPlainString(),
                                    command.deduction().toPlainString()),
                    Map.of("field", "deduction", "max", max));
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw unprocessable("Missing reason", "a deduction needs its reason", "reason");
        }
        if (command.evaluator() == null || command.evaluator().isBlank()) {
            throw unprocessable("Missing evaluator", "a deduction needs the evaluator who made it", "evaluator");
        }
        apply(new QualitativeAssessmentRecorded(
                department,
                fiscalYear,
                command.indicator(),
                command.deduction(),
                command.reason(),
                command.evaluator(),
                command.occurredOn()));
    }

    /**
     * 工作表现加减分: each record non-zero and within the rubric's bounds (−5…+5 under baiyun-2022); refused
     * when the year's rubric has no bonus/penalty indicator. The running sum is deliberately not
     * capped here: the cap belongs to the rubric (data, versioned), which clamps the sum when it
     * scores; refusing a later criticism because earlier commendations used up the cap would lose a
     * fact and make the result depend on the order of arrival.
     */
    @CommandHandler
    public void handle(RecordBonusPenalty command, RubricCodebooks codebooks) {
        requireNotClosed(command);
        RubricCodebook.Bounds bounds = codebook(codebooks)
                .bonusPenalty()
                .orElseThrow(() -> new CommandRefusedException(
                        422,
                        "No bonus/penalty in this rubric",
                        "rubric %s has no 工作表现加减分: bonus and penalty points cannot be recorded".formatted(rubric),
                        Map.of("field", "points", "rubric", String.valueOf(rubric))));
        BigDecimal points = command.points();
        if (points == null
                || points.signum() == 0
                || points.compareTo(bounds.min()) < 0
                || points.compareTo(bounds.max()) > 0) {
            throw new CommandRefusedException(
                    422,
                    "Invalid bonus/penalty points",
                    "points must be non-zero and within %s to %s, was %s"
                            .formatted(
                                    bounds.min().toPlainString(), bounds.max().toPlainString(), points),
                    Map.of("field", "points", "min", bounds.min(), "max", bounds.max()));
        }
        apply(new BonusPenaltyRecorded(department, fiscalYear, points, command.reason(), command.occurredOn()));
    }

    /** 偏差原因及纠偏措施 for a deviation of the monitoring report (DeviationExplanations decides). */
    @CommandHandler
    public void handle(ExplainDeviation command) {
        requireNotClosed(command);
        DeviationExplanations.decide(command, department, fiscalYear, kpis.keySet(), deviations)
                .ifPresent(event -> apply(event));
    }

    @EventSourcingHandler
    void on(FiscalYearOpened event) {
        id = event.aggregateId();
        department = event.department();
        fiscalYear = event.fiscalYear();
        rubric = event.rubric();
    }

    @EventSourcingHandler
    void on(QuarterClosed event) {
        lastClosedQuarter = event.quarter();
    }

    @EventSourcingHandler
    void on(FiscalYearClosed event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(DeviationExplained event) {
        deviations.put(event.subject(), DeviationExplanations.text(event.cause(), event.measure()));
    }

    @EventSourcingHandler
    void on(PerformanceTargetSet event) {
        kpis.put(event.kpi(), event.direction());
    }

    /** 序时进度 targets: four cumulative shares of the year, each in (0, 1], never falling, ending at 1. */
    private static void requireValidQuarterTargets(List<BigDecimal> targets) {
        String problem = null;
        if (targets == null || targets.size() != 4 || targets.stream().anyMatch(t -> t == null)) {
            problem = "quarterTargets must be four values";
        } else {
            BigDecimal previous = BigDecimal.ZERO;
            for (BigDecimal target : targets) {
                if (target.signum() <= 0 || target.compareTo(BigDecimal.ONE) > 0) {
                    problem = "every quarter target must be above 0 and at most 1, was " + target.toPlainString();
                    break;
                }
                if (target.compareTo(previous) < 0) {
                    problem = "quarter targets are cumulative and must not decrease";
                    break;
                }
                previous = target;
            }
            if (problem == null && targets.get(3).compareTo(BigDecimal.ONE) != 0) {
                problem = "the fourth quarter target must be 1 (the whole year)";
            }
        }
        if (problem != null) {
            throw unprocessable("Invalid quarter targets", problem, "quarterTargets");
        }
    }

    /** A measured KPI needs a positive target to compare with; a qualitative one is described in words. */
    private static void requireTargetFitting(KpiDirection direction, BigDecimal target, String kpi) {
        if (direction == KpiDirection.QUALITATIVE) {
            if (target != null) {
                throw unprocessable(
                        "Target for a qualitative KPI",
                        "KPI %s is qualitative: describe its target in targetDescription, without a number"
                                .formatted(kpi),
                        "target");
            }
        } else if (target == null || target.signum() <= 0) {
            throw unprocessable(
                    "Invalid KPI target",
                    "KPI %s is measured (%s): it needs a positive target".formatted(kpi, direction),
                    "target");
        }
    }

    private KpiDirection requireKpi(String kpi) {
        KpiDirection direction = kpis.get(kpi);
        if (direction == null) {
            throw new CommandRefusedException(
                    404,
                    "KPI not found",
                    "KPI %s has not been set for %s".formatted(kpi, id),
                    Map.of("kpi", String.valueOf(kpi)));
        }
        return direction;
    }

    /** The codebook of the year's rubric; a year whose rubric is not known here records nothing by code. */
    private RubricCodebook codebook(RubricCodebooks codebooks) {
        return codebooks
                .find(rubric)
                .orElseThrow(() -> new CommandRefusedException(
                        422,
                        "Rubric unknown here",
                        "fiscal year %s was opened under rubric %s, which this service does not know (known: %s)"
                                .formatted(id, rubric, codebooks.known()),
                        Map.of("rubric", String.valueOf(rubric), "known", codebooks.known())));
    }

    private static CommandRefusedException notInCodebook(
            String title, String detail, String field, List<String> allowed) {
        return new CommandRefusedException(422, title, detail, Map.of("field", field, "allowed", allowed));
    }

    private void requireNotClosed(FiscalYearCommand command) {
        if (closed) {
            throw new CommandRefusedException(
                    409,
                    "Fiscal year closed",
                    "Fiscal year %s is closed: %s is not accepted"
                            .formatted(id, command.getClass().getSimpleName()),
                    Map.of("fiscalYear", id, "status", "CLOSED"));
        }
    }

    private static CommandRefusedException unprocessable(String title, String detail, String field) {
        return new CommandRefusedException(422, title, detail, Map.of("field", field));
    }
}
