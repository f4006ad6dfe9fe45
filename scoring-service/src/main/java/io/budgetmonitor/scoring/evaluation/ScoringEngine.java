package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import io.budgetmonitor.scoring.rubric.RubricPart;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 评分引擎: applies a rubric to a department-year's inputs. Pure: no Spring, no I/O, so the golden
 * figures are a plain unit test and a projection is the same engine on extrapolated inputs.
 */
public final class ScoringEngine {

    private final Map<FormulaKind, IndicatorFormula> formulas = new EnumMap<>(FormulaKind.class);

    public ScoringEngine() {
        List.of(
                        new RateTimesMaxFormula(),
                        new AssetUtilizationFormula(),
                        new StepDeductionFormula(),
                        new ControlRateFormula(),
                        new ProcurementFormula(),
                        new QualitativeFormula(),
                        new KpiCompletionFormula(),
                        new QuarterlyAverageFormula(),
                        new TaskKpisFormula(),
                        new BonusPenaltyFormula())
                .forEach(f -> formulas.put(f.kind(), f));
    }

    public EvaluationResult evaluate(Rubric rubric, IndicatorInputs inputs) {
        List<IndicatorScore> indicators = new ArrayList<>();
        List<TaskScore> tasks = new ArrayList<>();
        Map<String, PartScore> parts = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal max = BigDecimal.ZERO;
        for (RubricPart part : rubric.parts()) {
            BigDecimal partPoints = BigDecimal.ZERO;
            BigDecimal partMax = BigDecimal.ZERO;
            for (RubricIndicator indicator : part.indicators()) {
                IndicatorScore score = score(indicator, part.code(), rubric, inputs, indicators, tasks);
                partPoints = partPoints.add(score.points());
                partMax = partMax.add(score.max());
            }
            parts.put(
                    part.code(),
                    new PartScore(part.code(), part.name().zh(), Scores.points(partMax), Scores.points(partPoints)));
            total = total.add(partPoints);
            max = max.add(partMax);
        }
        total = Scores.points(total);
        return new EvaluationResult(
                rubric.ref(), total, Scores.points(max), rubric.gradeOf(total), parts, tasks, indicators);
    }

    private IndicatorScore score(
            RubricIndicator indicator,
            String parent,
            Rubric rubric,
            IndicatorInputs inputs,
            List<IndicatorScore> out,
            List<TaskScore> tasks) {
        if (indicator.isGroup()) {
            int at = out.size();
            out.add(null); // the group precedes its children in the snapshot, as in the report
            BigDecimal points = BigDecimal.ZERO;
            BigDecimal max = BigDecimal.ZERO;
            for (RubricIndicator child : indicator.children()) {
                IndicatorScore score = score(child, indicator.code(), rubric, inputs, out, tasks);
                points = points.add(score.points());
                max = max.add(score.max());
            }
            IndicatorScore group = new IndicatorScore(
                    indicator.code(),
                    indicator.name().zh(),
                    parent,
                    Scores.points(max),
                    Scores.points(points),
                    null,
                    "points = sum of "
                            + String.join(
                                    " + ",
                                    indicator.children().stream()
                                            .map(RubricIndicator::code)
                                            .toList()),
                    Map.of(),
                    "该指标分值" + Scores.show(max) + "分，评价得分" + Scores.show(points) + "分。",
                    List.of(),
                    false);
            out.set(at, group);
            return group;
        }
        IndicatorFormula formula = formulas.get(indicator.formula().kind());
        LeafScore leaf = formula.score(indicator, inputs, rubric);
        if (leaf.task() != null) {
            tasks.add(leaf.task());
        }
        IndicatorScore score = new IndicatorScore(
                indicator.code(),
                indicator.name().zh(),
                parent,
                Scores.points(leaf.max()),
                leaf.points(),
                Scores.ratio(leaf.rate()),
                leaf.formula(),
                leaf.inputs(),
                leaf.explanation(),
                leaf.deductions(),
                leaf.notApplicable());
        out.add(score);
        return score;
    }
}
