package io.budgetmonitor.scoring.rubric;

import java.math.BigDecimal;

/**
 * The formula of one leaf indicator as the rubric file states it. Fields that a kind does not use
 * are null; {@link RubricLoader} checks that each kind has what it needs.
 *
 * @param kind             the formula kind
 * @param ratio            which ratio (RATE_TIMES_MAX, STEP_DEDUCTION, CONTROL_RATE)
 * @param step             STEP_DEDUCTION: step of the rate, e.g. 0.05
 * @param deductionPerStep STEP_DEDUCTION: points per full step, e.g. 0.5
 * @param floor            lowest points (default 0)
 * @param overLimit        CONTROL_RATE, PROCUREMENT: the rule above 100%
 * @param min              BONUS_PENALTY: lowest total, e.g. −5
 * @param max              BONUS_PENALTY: highest total, e.g. +5
 * @param task             TASK_KPIS: the task code whose KPIs count (default: the indicator's code)
 * @param notApplicable    what a zero denominator scores
 * @param assumption       a locality rule the seed does not show, stated in words
 */
public record FormulaSpec(
        FormulaKind kind,
        Ratio ratio,
        BigDecimal step,
        BigDecimal deductionPerStep,
        BigDecimal floor,
        OverLimitRule overLimit,
        BigDecimal min,
        BigDecimal max,
        String task,
        NotApplicableRule notApplicable,
        String assumption) {

    public FormulaSpec {
        floor = floor == null ? BigDecimal.ZERO : floor;
        notApplicable = notApplicable == null ? NotApplicableRule.FULL : notApplicable;
    }

    public static FormulaSpec of(FormulaKind kind) {
        return new FormulaSpec(kind, null, null, null, null, null, null, null, null, null, null);
    }
}
