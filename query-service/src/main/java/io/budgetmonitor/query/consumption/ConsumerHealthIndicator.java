package io.budgetmonitor.query.consumption;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Consumer health: lag (records behind the log end), position and open gaps. Lag and gaps are
 * reported, not turned into DOWN: a catching-up reader still serves correct, older figures.
 */
@Component("consumerHealthIndicator")
class ConsumerHealthIndicator implements HealthIndicator {
    private final ConsumptionMetrics metrics;
    private final StreamBookkeeping books;
    private final ConsumingReplica replica;

    ConsumerHealthIndicator(ConsumptionMetrics metrics, StreamBookkeeping books, ConsumingReplica replica) {
        this.metrics = metrics;
        this.books = books;
        this.replica = replica;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("role", replica.isConsuming() ? "consuming" : "standby")
                .withDetail("lag", metrics.lag())
                .withDetail("position", books.position())
                .withDetail("unresolvedGaps", books.unresolvedGaps())
                .build();
    }
}
