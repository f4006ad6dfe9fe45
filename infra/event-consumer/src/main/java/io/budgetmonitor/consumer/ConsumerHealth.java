package io.budgetmonitor.consumer;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Consumer health ({@code /actuator/health} component {@code eventConsumer}): position, lag, held events
 * (how many, the oldest's age), open gaps, dead letters. Reported, not turned into DOWN: a reader catching
 * up or waiting for a predecessor still serves correct, older figures; the metrics carry the alerts.
 */
class ConsumerHealth implements HealthIndicator {

    private final ExactlyOnceConsumer<?> consumer;
    private final ReaderPosition position;

    ConsumerHealth(ExactlyOnceConsumer<?> consumer, ReaderPosition position) {
        this.consumer = consumer;
        this.position = position;
    }

    @Override
    public Health health() {
        ConsumerStore store = consumer.store();
        ConsumerStore.HeldSummary held = store.heldSummary();
        return Health.up()
                .withDetail("position", position.current())
                .withDetail("lag", consumer.metrics().lag())
                .withDetail("held", held.count())
                .withDetail("oldestHeldSeconds", held.oldestSeconds())
                .withDetail("unresolvedGaps", store.openGaps())
                .withDetail("deadLetters", store.deadLetters())
                .build();
    }
}
