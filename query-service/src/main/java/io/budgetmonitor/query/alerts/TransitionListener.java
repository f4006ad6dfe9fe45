package io.budgetmonitor.query.alerts;

/** Told after transitions are committed (the SSE dispatcher and the Kafka publisher wake up). */
public interface TransitionListener {
    void transitionsCommitted();
}
