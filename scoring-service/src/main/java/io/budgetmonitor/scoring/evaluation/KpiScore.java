package io.budgetmonitor.scoring.evaluation;

import java.math.BigDecimal;

/**
 * 绩效指标得分: one KPI of a task.
 *
 * @param completion actual ÷ target (inverse for lower-is-better) as a ratio string, uncapped (7.4667 = 746.67%)
 * @param met        completion reached 100% (or, for a qualitative KPI, judged met)
 */
public record KpiScore(
        String kpi,
        String task,
        String name,
        String direction,
        String target,
        String targetDescription,
        String unit,
        String actual,
        String completion,
        boolean met,
        boolean reported,
        BigDecimal max,
        BigDecimal points) {}
