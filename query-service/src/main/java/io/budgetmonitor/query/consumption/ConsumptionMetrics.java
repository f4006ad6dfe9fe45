package io.budgetmonitor.query.consumption;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Prometheus figures of the consumer: applied, duplicates, held (gaps), parked, lag, position. */
@Component
public class ConsumptionMetrics {
    final Counter applied;
    final Counter duplicates;
    final Counter held;
    final Counter gaps;
    final Counter parked;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong position = new AtomicLong(-1);

    public ConsumptionMetrics(MeterRegistry registry) {
        applied = Counter.builder("budget.events.applied")
                .description("events applied to the read models")
                .register(registry);
        duplicates = Counter.builder("budget.events.duplicates")
                .description("redeliveries ignored")
                .register(registry);
        held = Counter.builder("budget.events.held")
                .description("events held behind a sequence gap")
                .register(registry);
        gaps = Counter.builder("budget.consumer.gaps")
                .description("sequence gaps detected")
                .register(registry);
        parked = Counter.builder("budget.events.parked")
                .description("poison events parked as dead letters")
                .register(registry);
        Gauge.builder("budget.consumer.lag", lag, AtomicLong::get)
                .description("records behind the log end")
                .register(registry);
        Gauge.builder("budget.consumer.position", position, AtomicLong::get)
                .description("highest log position applied")
                .register(registry);
    }

    public long lag() {
        return lag.get();
    }

    public void lag(long value) {
        lag.set(value);
    }

    public void position(long value) {
        position.accumulateAndGet(value, Math::max);
    }
}
