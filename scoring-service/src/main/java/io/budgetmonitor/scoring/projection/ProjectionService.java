package io.budgetmonitor.scoring.projection;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.scoring.evaluation.EvaluationResult;
import io.budgetmonitor.scoring.evaluation.EvaluationService;
import io.budgetmonitor.scoring.evaluation.IndicatorScore;
import io.budgetmonitor.scoring.evaluation.KpiScore;
import io.budgetmonitor.scoring.evaluation.ScoringEngine;
import io.budgetmonitor.scoring.evaluation.TaskScore;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** 得分预测: the same engine on extrapolated inputs, with what would recover each point at risk. */
@Service
public class ProjectionService {

    private final EvaluationService evaluations;
    private final ScoringEngine engine;
    private final Clock clock;

    public ProjectionService(EvaluationService evaluations, ScoringEngine engine, Clock clock) {
        this.evaluations = evaluations;
        this.engine = engine;
        this.clock = clock;
    }

    public ProjectedScore project(String department, int fiscalYear, LocalDate asOfOrNull) {
        LocalDate asOf = asOfOrNull != null ? asOfOrNull : LocalDate.now(clock);
        return project(evaluations.prepare(department, fiscalYear, null), asOf);
    }

    /** The projection of inputs already read (by the caller, in its transaction). */
    public ProjectedScore project(EvaluationService.Prepared prepared, LocalDate asOf) {
        IndicatorInputs projected = RunRateProjection.project(prepared.inputs(), asOf);
        EvaluationResult result = engine.evaluate(prepared.rubric(), projected);
        List<ProjectedScore.IndicatorRisk> risks = new ArrayList<>();
        BigDecimal atRisk = BigDecimal.ZERO;
        for (IndicatorScore score : result.indicators()) {
            RubricIndicator rule = prepared.rubric().indicator(score.code()).orElseThrow();
            if (rule.isGroup() || score.points().compareTo(score.max()) >= 0) {
                continue;
            }
            BigDecimal lost = score.max().subtract(score.points());
            atRisk = atRisk.add(lost);
            risks.add(new ProjectedScore.IndicatorRisk(
                    score.code(),
                    score.name(),
                    score.max(),
                    score.points(),
                    lost,
                    score.value(),
                    recovery(rule, score, projected, prepared.rubric(), result, asOf)));
        }
        return new ProjectedScore(
                prepared.inputs().department(),
                prepared.inputs().fiscalYear(),
                asOf,
                RunRateProjection.METHOD,
                prepared.inputs().position(),
                result.rubric(),
                result.total(),
                result.grade(),
                atRisk,
                risks);
    }

    private static List<String> recovery(
            RubricIndicator rule,
            IndicatorScore score,
            IndicatorInputs in,
            Rubric rubric,
            EvaluationResult result,
            LocalDate asOf) {
        List<String> what = new ArrayList<>();
        FormulaKind kind = rule.formula().kind();
        LocalDate yearEnd = LocalDate.of(in.fiscalYear(), 12, 31);
        switch (kind) {
            case RATE_TIMES_MAX -> {
                if (rule.formula().ratio() == io.budgetmonitor.scoring.rubric.Ratio.BUDGET_COMPLETION) {
                    Money gap = in.budget(l -> true).minus(in.executed(l -> true));
                    what.add("spend " + yuan(gap) + " yuan more (all funds) by " + yearEnd + " to bring " + score.code()
                            + " to 100% and full points");
                } else {
                    what.add("raise " + score.name() + " to 100%");
                }
            }
            case QUARTERLY_AVERAGE -> {
                Money budget = in.budget(IndicatorInputs.generalPublicBudget());
                List<BigDecimal> targets =
                        in.quarterTargets().size() == 4 ? in.quarterTargets() : rubric.timeProgress();
                for (int q = 1; q <= 4; q++) {
                    LocalDate end = Quarter.of(q).lastDay(in.fiscalYear());
                    Money needed = Money.of(
                            budget.amount().multiply(targets.get(q - 1)).setScale(2, RoundingMode.UP));
                    Money shortfall = needed.minus(in.generalCumulative(q));
                    if (shortfall.isPositive()) {
                        what.add(
                                end.isBefore(asOf)
                                        ? "Q" + q + " (ended " + end + ") was " + yuan(shortfall)
                                                + " yuan behind time progress: lost for good"
                                        : "spend " + yuan(shortfall) + " yuan more of the general public budget by "
                                                + end + " to keep " + score.code() + " at full points for Q" + q);
                    }
                }
            }
            case STEP_DEDUCTION ->
                what.add("spend the appropriations instead of leaving them to be reclaimed or carried over: each "
                        + rule.formula()
                                .step()
                                .movePointRight(2)
                                .stripTrailingZeros()
                                .toPlainString() + "% of the appropriation budget "
                        + "not spent costs " + rule.formula().deductionPerStep().toPlainString() + " points");
            case CONTROL_RATE -> {
                ExpenditureType type =
                        rule.formula().ratio() == io.budgetmonitor.scoring.rubric.Ratio.PUBLIC_EXPENSE_CONTROL
                                ? ExpenditureType.PUBLIC_EXPENSE
                                : null;
                Money excess = type != null
                        ? in.executed(l -> l.expenditureType() == type)
                                .minus(in.budget(l -> l.expenditureType() == type))
                        : in.executed(l -> l.threePublic().isThreePublic())
                                .minus(in.budget(l -> l.threePublic().isThreePublic()));
                what.add("keep spending within budget: projected " + yuan(excess) + " yuan over by " + yearEnd);
            }
            case PROCUREMENT ->
                what.add("approve a procurement plan covering " + in.procurementActual() + " yuan of procurement");
            case ASSET_UTILIZATION -> what.add("put idle fixed assets back into use or dispose of them");
            case KPI_COMPLETION, TASK_KPIS -> {
                for (TaskScore task : result.tasks()) {
                    if (kind == FormulaKind.TASK_KPIS && !task.code().equals(score.code())) {
                        continue;
                    }
                    for (KpiScore kpi : task.kpis()) {
                        if (!kpi.met()) {
                            what.add("bring KPI " + kpi.kpi() + " “" + kpi.name() + "” from "
                                    + (kpi.actual() == null ? "no report" : kpi.actual()) + " to its target "
                                    + (kpi.target() == null ? kpi.targetDescription() : kpi.target()));
                        }
                    }
                }
            }
            case QUALITATIVE ->
                what.add("recorded deductions stand (" + score.deductions().size()
                        + "); address the reasons before the evaluation: "
                        + String.join(
                                "; ",
                                score.deductions().stream().map(d -> d.reason()).toList()));
            case BONUS_PENALTY ->
                what.add("criticisms recorded this year reduce the score; commendations can offset them");
            default -> {}
        }
        return what;
    }

    private static String yuan(Money money) {
        return String.format("%,.2f", money.amount());
    }
}
