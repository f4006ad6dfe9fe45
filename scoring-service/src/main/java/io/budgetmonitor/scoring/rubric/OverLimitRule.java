package io.budgetmonitor.scoring.rubric;

import java.math.BigDecimal;

/**
 * What happens above 100% for a control rate or procurement (超过100%的扣分规则). The seed does not show
 * one, so every rubric states it with the assumption in words.
 *
 * @param mode             how the excess is scored
 * @param step             for {@link Mode#STEP_DEDUCTION}: size of one step of the excess over 100%
 * @param deductionPerStep points deducted per full step (the step's edge counting)
 * @param assumption       why this rule, in words (shown in explanations and the report)
 */
public record OverLimitRule(Mode mode, BigDecimal step, BigDecimal deductionPerStep, String assumption) {

    public enum Mode {
        /** deduct per full step of the excess over 100%, floor 0 */
        STEP_DEDUCTION,
        /** any excess scores 0 */
        ZERO,
        /** no deduction */
        NONE
    }
}
