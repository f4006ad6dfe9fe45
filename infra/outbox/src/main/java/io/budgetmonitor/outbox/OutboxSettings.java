package io.budgetmonitor.outbox;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code budget.outbox.*}.
 *
 * @param source       the CloudEvents source of every message this service publishes
 * @param enabled      whether the relay runs in this process (the rows are written either way)
 * @param batchSize    rows per relay round
 * @param pollInterval the longest a committed row waits when no wake-up reached the relay (another replica
 *                     wrote it), and the pause after a failed round
 * @param sendTimeout  how long a round waits for one acknowledgement before it gives up and retries
 * @param retention    how long a sent row is kept (to see what was published, and when) before it is deleted
 */
@ConfigurationProperties("budget.outbox")
public record OutboxSettings(
        URI source,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("7d") Duration retention) {

    public OutboxSettings {
        if (source == null) {
            throw new IllegalArgumentException("budget.outbox.source must name the publishing service");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("budget.outbox.batch-size must be at least 1");
        }
    }
}
