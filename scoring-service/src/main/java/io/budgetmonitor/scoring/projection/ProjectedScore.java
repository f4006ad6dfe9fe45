package io.budgetmonitor.scoring.projection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** 预计得分: the score if the year ended on the current trend, and what would recover the points at risk. */
public record ProjectedScore(String department, int fiscalYear, LocalDate asOf, String method, long position,
                             BigDecimal projectedTotal, String projectedGrade, BigDecimal pointsAtRisk,
                             List<IndicatorRisk> indicators) {

    /** One indicator that would not get full points. */
    public record IndicatorRisk(String code, String name, BigDecimal max, BigDecimal projectedPoints,
                                BigDecimal pointsAtRisk, String projectedValue, List<String> recovery) {
    }
}
