package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.rubric.RubricRef;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the engine computes from a rubric and a department-year's inputs (before it becomes a snapshot). */
public record EvaluationResult(
        RubricRef rubric,
        BigDecimal total,
        BigDecimal max,
        String grade,
        Map<String, PartScore> parts,
        List<TaskScore> tasks,
        List<IndicatorScore> indicators) {

    public Optional<IndicatorScore> indicator(String code) {
        return indicators.stream().filter(i -> i.code().equals(code)).findFirst();
    }
}
