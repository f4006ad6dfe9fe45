package io.budgetmonitor.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code budget.consumer.*}.
 *
 * @param topic          the event topic ({@code budget.events.v1})
 * @param holdTimeout    how long an event may wait for a missing predecessor before it is given up on
 * @param onHoldTimeout  {@code park} (dead letter with the reason; the aggregate moves past it) or
 *                       {@code release} (applied as if the missing numbers had been parked)
 * @param checkInterval  how often held events are counted (metric, health) and checked against the timeout
 */
@ConfigurationProperties("budget.consumer")
public record ConsumerSettings(
        @DefaultValue("budget.events.v1") String topic,
        @DefaultValue("PT10M") Duration holdTimeout,
        @DefaultValue("park") String onHoldTimeout,
        @DefaultValue("PT30S") Duration checkInterval) {

    public ConsumerSettings {
        if (!onHoldTimeout.equals("park") && !onHoldTimeout.equals("release")) {
            throw new IllegalArgumentException(
                    "budget.consumer.on-hold-timeout is park or release, not " + onHoldTimeout);
        }
    }

    boolean release() {
        return onHoldTimeout.equals("release");
    }
}
