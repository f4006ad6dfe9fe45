package io.budgetmonitor.api.values;

/** Direction of a budget adjustment of one line. Transfers between lines are their own events. */
public enum AdjustmentKind {
    /** 追加 */
    SUPPLEMENT,
    /** 追减 */
    REDUCTION
}
