package io.budgetmonitor.api.wire;

/** Kafka topics of the contract. */
public final class Topics {

    /** Every stored event, keyed by aggregate id, in order per aggregate. */
    public static final String BUDGET_EVENTS = "budget.events.v1";
    /**
     * Every alert transition of the monitor ({@link AlertTransitioned}), from query-service's outbox, keyed by
     * {@link #departmentYearKey}.
     */
    public static final String BUDGET_ALERTS = "budget.alerts.v1";
    /**
     * Every evaluation snapshot taken ({@link EvaluationTaken}) and every projected-score change
     * ({@link ProjectedScoreChanged}), from scoring-service's outbox, keyed by {@link #departmentYearKey}, told
     * apart by the {@code ce_type} header ({@link EvaluationTopic}).
     */
    public static final String BUDGET_EVALUATIONS = "budget.evaluations.v1";

    private Topics() {}

    /** The key of the downstream topics: {@code department:fiscalYear}, so a department-year's messages stay in order. */
    public static String departmentYearKey(String department, int fiscalYear) {
        return department + ":" + fiscalYear;
    }
}
