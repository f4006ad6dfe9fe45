package io.budgetmonitor.scoring.projection;

import io.budgetmonitor.scoring.evaluation.EvaluationResult;
import io.budgetmonitor.scoring.evaluation.EvaluationService;
import io.budgetmonitor.scoring.evaluation.IndicatorScore;
import io.budgetmonitor.scoring.evaluation.ScoringEngine;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.InputsAsOf;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import io.budgetmonitor.scoring.web.ConflictException;
import java.math.BigDecimal;
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
    private final InputsAsOf dated;

    public ProjectionService(EvaluationService evaluations, ScoringEngine engine, Clock clock, InputsAsOf dated) {
        this.evaluations = evaluations;
        this.engine = engine;
        this.clock = clock;
        this.dated = dated;
    }

    /**
     * Without {@code asOfOrNull}: today's projection of everything applied. With it: a cut on the business
     * date — the inputs as they stood at the end of that day (no event dated after it), projected from
     * there; 409 when the year's dated inputs are incomplete (applied before they were recorded).
     */
    public ProjectedScore project(String department, int fiscalYear, LocalDate asOfOrNull) {
        EvaluationService.Prepared prepared = evaluations.prepare(department, fiscalYear, null);
        if (asOfOrNull == null) {
            return project(prepared, LocalDate.now(clock));
        }
        return project(asOf(prepared, asOfOrNull), asOfOrNull);
    }

    /** The prepared year cut at the end of {@code asOf} (the same rubric). */
    public EvaluationService.Prepared asOf(EvaluationService.Prepared prepared, LocalDate asOf) {
        if (!dated.complete(prepared.inputs())) {
            throw new ConflictException("the dated inputs of "
                    + prepared.inputs().department() + " "
                    + prepared.inputs().fiscalYear()
                    + " do not add up to its running totals (events applied before they were recorded by date):"
                    + " no exact cut on " + asOf + " is possible until the year is replayed from the event log");
        }
        return new EvaluationService.Prepared(dated.cut(prepared.inputs(), asOf), prepared.rubric());
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
                    RecoveryAdvice.of(rule, score, projected, prepared.rubric(), result, asOf)));
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
}
