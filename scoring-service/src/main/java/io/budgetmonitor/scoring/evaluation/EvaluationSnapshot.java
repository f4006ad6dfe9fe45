package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.rubric.RubricRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * 评价快照: an immutable evaluation of a department-year with the rubric version and the event-log
 * position its inputs reflect. Stored once; there is no update path.
 *
 * @param takenBy   评价人: the authenticated principal who took it (null for snapshots taken before it was recorded)
 * @param execution 收支情况 at the same position as the scores, for part 一 of the report (null for snapshots
 *                  taken before it was recorded)
 */
public record EvaluationSnapshot(
        UUID id,
        String department,
        int fiscalYear,
        String departmentName,
        RubricRef rubric,
        String rubricName,
        long position,
        Instant createdAt,
        String takenBy,
        BigDecimal total,
        BigDecimal max,
        String grade,
        Map<String, PartScore> parts,
        List<TaskScore> tasks,
        List<IndicatorScore> indicators,
        List<String> assumptions,
        ExecutionSummary execution) {

    public static EvaluationSnapshot of(
            UUID id,
            String department,
            int fiscalYear,
            String departmentName,
            String rubricName,
            long position,
            Instant createdAt,
            String takenBy,
            EvaluationResult result,
            List<String> assumptions,
            ExecutionSummary execution) {
        return new EvaluationSnapshot(
                id,
                department,
                fiscalYear,
                departmentName,
                result.rubric(),
                rubricName,
                position,
                createdAt,
                takenBy,
                result.total(),
                result.max(),
                result.grade(),
                result.parts(),
                result.tasks(),
                result.indicators(),
                assumptions,
                execution);
    }

    public Optional<IndicatorScore> indicator(String code) {
        return indicators.stream().filter(i -> i.code().equals(code)).findFirst();
    }
}
