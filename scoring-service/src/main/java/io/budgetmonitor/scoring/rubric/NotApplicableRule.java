package io.budgetmonitor.scoring.rubric;

/**
 * What an indicator scores when its ratio has no denominator (不适用: e.g. no three-public budget,
 * no procurement at all). A locality rule, so the rubric states it instead of the code guessing.
 */
public enum NotApplicableRule {
    /** the indicator gets its full points */
    FULL,
    /** the indicator gets 0 */
    ZERO
}
