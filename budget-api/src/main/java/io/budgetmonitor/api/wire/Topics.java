package io.budgetmonitor.api.wire;

/** Kafka topics of the contract. */
public final class Topics {

    /** Every stored event, keyed by aggregate id, in order per aggregate. */
    public static final String BUDGET_EVENTS = "budget.events.v1";
    /** Every alert transition of the monitor. */
    public static final String BUDGET_ALERTS = "budget.alerts.v1";
    /** Every evaluation snapshot taken. */
    public static final String BUDGET_EVALUATIONS = "budget.evaluations.v1";

    private Topics() {}
}
