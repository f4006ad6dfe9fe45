package io.budgetmonitor.query.alerts;

/** Told after transitions are committed (the SSE dispatcher wakes up; the Kafka topic is fed by the outbox). */
public interface TransitionListener {
    void transitionsCommitted();
}
