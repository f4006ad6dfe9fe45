package io.budgetmonitor.scoring.consumption;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counters an operator alerts on: a gap or a dead letter is never silent. */
@Component
public class ConsumerMetrics {

    final Counter applied;
    final Counter duplicates;
    final Counter held;
    final Counter gaps;
    final Counter deadLetters;
    final Counter batchFallbacks;

    public ConsumerMetrics(MeterRegistry registry) {
        applied = Counter.builder("scoring.events.applied")
                .description("events applied to the indicator inputs")
                .register(registry);
        duplicates = Counter.builder("scoring.events.duplicates")
                .description("redelivered events ignored")
                .register(registry);
        held = Counter.builder("scoring.events.held")
                .description("events held behind a sequence gap")
                .register(registry);
        gaps = Counter.builder("scoring.consumer.gaps")
                .description("sequence gaps detected")
                .register(registry);
        deadLetters = Counter.builder("scoring.events.dead_lettered")
                .description("poison events parked")
                .register(registry);
        batchFallbacks = Counter.builder("scoring.batches.fallbacks")
                .description(
                        "poll batches re-applied one by one because the batch path failed (usually a poison event)")
                .register(registry);
    }
}
