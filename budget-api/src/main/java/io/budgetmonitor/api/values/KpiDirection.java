package io.budgetmonitor.api.values;

/** How a KPI's actual is judged against its target. */
public enum KpiDirection {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    /** met or not, judged by a person */
    QUALITATIVE
}
