package io.budgetmonitor.query.consumption;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Which role this replica plays (consuming or standby); position, lag, held events and gaps are in the
 * shared consumer's {@code eventConsumer} component.
 */
@Component("consumerHealthIndicator")
class ConsumerHealthIndicator implements HealthIndicator {
    private final ConsumingReplica replica;

    ConsumerHealthIndicator(ConsumingReplica replica) {
        this.replica = replica;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("role", replica.isConsuming() ? "consuming" : "standby")
                .build();
    }
}
