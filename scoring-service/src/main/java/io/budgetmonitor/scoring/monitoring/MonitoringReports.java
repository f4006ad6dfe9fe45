package io.budgetmonitor.scoring.monitoring;

import io.budgetmonitor.api.commands.ExplainDeviation;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.KpiExpectation;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.api.values.TimeProgressCurve;
import io.budgetmonitor.scoring.evaluation.EvaluationResult;
import io.budgetmonitor.scoring.evaluation.EvaluationService;
import io.budgetmonitor.scoring.evaluation.KpiScore;
import io.budgetmonitor.scoring.evaluation.ScoringEngine;
import io.budgetmonitor.scoring.evaluation.TaskScore;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.InputsAsOf;
import io.budgetmonitor.scoring.inputs.LineInputs;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.Deviation;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.Execution;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.KpiProgress;
import io.budgetmonitor.scoring.monitoring.MonitoringReport.QuarterExecution;
import io.budgetmonitor.scoring.projection.ProjectedScore;
import io.budgetmonitor.scoring.projection.ProjectionService;
import io.budgetmonitor.scoring.report.Wanyuan;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * Builds the {@link MonitoringReport} of a department-year as of a date, from the inputs cut at that
 * date ({@link InputsAsOf}), scored by the same engine and projected by the same projection as
 * {@code projected-score?asOf=}.
 */
@Service
public class MonitoringReports {

    private final EvaluationService evaluations;
    private final ProjectionService projections;
    private final InputsAsOf dated;
    private final ScoringEngine engine;
    private final DeviationExplanations explanations;

    MonitoringReports(
            EvaluationService evaluations,
            ProjectionService projections,
            InputsAsOf dated,
            ScoringEngine engine,
            DeviationExplanations explanations) {
        this.evaluations = evaluations;
        this.projections = projections;
        this.dated = dated;
        this.engine = engine;
        this.explanations = explanations;
    }

    public MonitoringReport asOf(String department, int fiscalYear, LocalDate asOf) {
        EvaluationService.Prepared whole = evaluations.prepare(department, fiscalYear, null);
        EvaluationService.Prepared cut = projections.asOf(whole, asOf); // 409 when the dated inputs are incomplete
        IndicatorInputs in = cut.inputs();
        List<BigDecimal> targets = in.quarterTargets().size() == 4
                ? in.quarterTargets()
                : cut.rubric().timeProgress();
        BigDecimal timeProgress = curve(targets).ratio(asOf, fiscalYear);

        // the cumulative picture at the end of each quarter begun by asOf (at asOf in its own quarter)
        List<IndicatorInputs> atQuarterEnds = new ArrayList<>();
        List<LocalDate> untils = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            LocalDate first = Quarter.of(q).firstDay(fiscalYear);
            LocalDate last = Quarter.of(q).lastDay(fiscalYear);
            if (first.isAfter(asOf)) {
                atQuarterEnds.add(null);
                untils.add(null);
            } else {
                LocalDate until = last.isAfter(asOf) ? asOf : last;
                atQuarterEnds.add(until.equals(asOf) ? in : dated.cut(whole.inputs(), until));
                untils.add(until);
            }
        }
        Money budget = in.budget(l -> true);

        Set<FundSource> sources = EnumSet.noneOf(FundSource.class);
        in.lines().forEach(l -> sources.add(l.fundSource()));
        List<Execution> byFundSource = new ArrayList<>();
        for (FundSource source : sources) {
            byFundSource.add(
                    execution(source.name(), source.chineseName(), in, atQuarterEnds, l -> l.fundSource() == source));
        }
        Execution total = execution(ExplainDeviation.EXECUTION, "合计", in, atQuarterEnds, l -> true);

        List<QuarterExecution> byQuarter = new ArrayList<>();
        Money previous = Money.ZERO;
        for (int q = 1; q <= 4; q++) {
            IndicatorInputs then = atQuarterEnds.get(q - 1);
            if (then == null) {
                byQuarter.add(new QuarterExecution(q, null, null, null, null, null));
                continue;
            }
            Money cumulative = then.executed(l -> true);
            byQuarter.add(new QuarterExecution(
                    q,
                    untils.get(q - 1),
                    curve(targets).ratio(untils.get(q - 1), fiscalYear),
                    cumulative.minus(previous),
                    cumulative,
                    ratio(cumulative, budget)));
            previous = cumulative;
        }

        EvaluationResult now = engine.evaluate(cut.rubric(), in);
        List<KpiProgress> kpis = new ArrayList<>();
        for (TaskScore task : now.tasks()) {
            for (KpiScore kpi : task.kpis()) {
                BigDecimal completion = kpi.completion() == null
                                || KpiDirection.QUALITATIVE.name().equals(kpi.direction())
                        ? null
                        : new BigDecimal(kpi.completion());
                KpiDirection direction = KpiDirection.valueOf(kpi.direction());
                boolean projected = completion != null
                        && kpi.actual() != null
                        && kpi.target() != null
                        && new BigDecimal(kpi.target()).signum() > 0
                        && KpiExpectation.projected(direction, kpi.unit(), timeProgress);
                // from the value, not the rounded completion: 7 of 12 at 50% is 14 ÷ 12 = 116.67%
                BigDecimal expected = projected
                        ? KpiExpectation.yearEnd(direction, kpi.unit(), new BigDecimal(kpi.actual()), timeProgress)
                                .divide(new BigDecimal(kpi.target()), 4, RoundingMode.HALF_UP)
                        : completion;
                kpis.add(new KpiProgress(
                        kpi.kpi(),
                        kpi.name(),
                        kpi.direction(),
                        kpi.target() != null ? kpi.target() : kpi.targetDescription(),
                        kpi.unit(),
                        kpi.actual(),
                        completion,
                        kpi.reported(),
                        projected ? expected.compareTo(BigDecimal.ONE) >= 0 : kpi.met(),
                        expected,
                        projected));
            }
        }

        ProjectedScore projected = projections.project(cut, asOf);
        Map<String, DeviationExplanations.Explanation> explained = explanations.asOf(department, fiscalYear, asOf);
        List<Deviation> deviations = new ArrayList<>();
        for (Execution execution : concat(total, byFundSource)) {
            BigDecimal behind = execution.deviation(timeProgress);
            if (behind != null && behind.signum() < 0) {
                deviations.add(new Deviation(
                        execution.subject(),
                        (execution.subject().equals(ExplainDeviation.EXECUTION)
                                ? "预算执行（全部资金）"
                                : execution.label() + "执行"),
                        "执行率" + MonitoringMarkdown.percent(execution.rate()) + "，低于序时进度"
                                + MonitoringMarkdown.percent(timeProgress) + "，偏差"
                                + behind.negate().toPlainString() + "个百分点（执行数"
                                + Wanyuan.format(execution.executed()) + "万元，预算数" + Wanyuan.format(execution.budget())
                                + "万元）",
                        explained.get(execution.subject())));
            }
        }
        for (KpiProgress kpi : kpis) {
            if (!kpi.expectedMet()) {
                deviations.add(new Deviation(
                        kpi.code(),
                        kpi.code() + " " + kpi.name(),
                        MonitoringMarkdown.kpiDeviation(kpi),
                        explained.get(kpi.code())));
            }
        }
        return new MonitoringReport(
                department,
                fiscalYear,
                in.departmentName(),
                asOf,
                timeProgress,
                byFundSource,
                total,
                byQuarter,
                kpis,
                deviations,
                projected);
    }

    private static List<Execution> concat(Execution total, List<Execution> bySource) {
        List<Execution> all = new ArrayList<>();
        all.add(total);
        all.addAll(bySource);
        return all;
    }

    private static Execution execution(
            String subject,
            String label,
            IndicatorInputs in,
            List<IndicatorInputs> atQuarterEnds,
            Predicate<LineInputs> which) {
        Money budget = in.budget(which);
        List<BigDecimal> quarterRates = new ArrayList<>();
        for (IndicatorInputs then : atQuarterEnds) {
            quarterRates.add(then == null ? null : ratio(then.executed(which), budget));
        }
        return new Execution(
                subject, label, budget, in.executed(which), ratio(in.executed(which), budget), quarterRates);
    }

    private static BigDecimal ratio(Money part, Money whole) {
        return whole.isPositive() ? part.amount().divide(whole.amount(), MathContext.DECIMAL64) : null;
    }

    /** The year's quarter targets as a curve (the one shared implementation of 序时进度). */
    private static TimeProgressCurve curve(List<BigDecimal> quarterTargets) {
        return TimeProgressCurve.problem(TimeProgressCurve.Shape.QUARTER_TARGETS, quarterTargets) == null
                ? TimeProgressCurve.quarterTargets(quarterTargets)
                : TimeProgressCurve.STRAIGHT_LINE;
    }
}
