package io.budgetmonitor.command.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An Idempotency-Key protects a client's retries, not the ledger (vouchers do that, forever): after
 * {@code budget.idempotency.retention} (default 7 days, far past any retry horizon) a key and its
 * stored response, or the lines a keyed import stored, are forgotten, so the tables stay the size of a
 * week's requests instead of growing with every request ever made. A request sent again after that
 * is a new request.
 */
@Component
public class IdempotencyKeyExpiry {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyExpiry.class);

    private final IdempotencyStore store;
    private final ImportedLines importedLines;
    private final Duration retention;
    private final Counter expired;

    public IdempotencyKeyExpiry(
            IdempotencyStore store,
            ImportedLines importedLines,
            MeterRegistry meterRegistry,
            @Value("${budget.idempotency.retention:P7D}") Duration retention) {
        this.store = store;
        this.importedLines = importedLines;
        this.retention = retention;
        this.expired = Counter.builder("budget.idempotency.keys.expired")
                .description("Idempotency keys forgotten after the retention period")
                .register(meterRegistry);
    }

    @Scheduled(
            initialDelayString = "${budget.idempotency.purge-interval:PT1H}",
            fixedDelayString = "${budget.idempotency.purge-interval:PT1H}")
    public int purge() {
        int purged = store.forgetOlderThan(retention);
        int lines = importedLines.forgetOlderThan(retention);
        if (purged > 0 || lines > 0) {
            expired.increment(purged);
            log.info("forgot {} idempotency keys and {} imported lines older than {}", purged, lines, retention);
        }
        return purged;
    }
}
