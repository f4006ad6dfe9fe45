package io.budgetmonitor.scoring.projection;

import io.budgetmonitor.scoring.rubric.RubricRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * 预计得分: the score if the year ended on the current trend, and what would recover the points at risk.
 *
 * @param rubric the rubric version it is projected with: the one the year was opened with
 */
public record ProjectedScore(
        String department,
        int fiscalYear,
        LocalDate asOf,
        String method,
        long position,
        RubricRef rubric,
        BigDecimal projectedTotal,
        String projectedGrade,
        BigDecimal pointsAtRisk,
        List<IndicatorRisk> indicators) {

    /** One indicator that would not get full points. */
    public record IndicatorRisk(
            String code,
            String name,
            BigDecimal max,
            BigDecimal projectedPoints,
            BigDecimal pointsAtRisk,
            String projectedValue,
            List<String> recovery) {}
}
