package io.budgetmonitor.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One metric naming for every reader ({@code consumer_*}, tag {@code reader} = the service): an operator
 * alerts on a parked event, an open gap or an event held too long the same way in both services.
 */
public class ConsumerMetrics {

    final Counter applied;
    final Counter duplicates;
    final Counter held;
    final Counter gaps;
    final Counter parked;
    final Counter expired;
    final Counter fallbacks;
    final Counter watermarks;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong heldNow = new AtomicLong();
    private final AtomicLong oldestHeldSeconds = new AtomicLong();
    private final AtomicLong position = new AtomicLong(-1);

    public ConsumerMetrics(MeterRegistry registry, String reader) {
        Tags tags = Tags.of("reader", reader);
        applied = counter(registry, tags, "consumer.events.applied", "events applied to the read models");
        duplicates = counter(registry, tags, "consumer.events.duplicates", "redeliveries ignored");
        held = counter(registry, tags, "consumer.events.held", "events held behind a sequence gap");
        gaps = counter(registry, tags, "consumer.gaps", "sequence gaps detected");
        parked = counter(registry, tags, "consumer.events.parked", "poison events parked as dead letters");
        expired = counter(
                registry,
                tags,
                "consumer.events.held.expired",
                "held events parked or released after the hold timeout");
        fallbacks = counter(
                registry, tags, "consumer.batches.fallbacks", "batches re-applied as batches of one after a failure");
        watermarks = counter(registry, tags, "consumer.watermarks", "log watermarks handled");
        Gauge.builder("consumer.lag", lag, AtomicLong::get)
                .tags(tags)
                .description("records behind the log end on this replica's partitions")
                .register(registry);
        Gauge.builder("consumer.held.current", heldNow, AtomicLong::get)
                .tags(tags)
                .description("events held now")
                .register(registry);
        Gauge.builder("consumer.held.oldest.seconds", oldestHeldSeconds, AtomicLong::get)
                .tags(tags)
                .description("how long the oldest held event has waited")
                .register(registry);
        Gauge.builder("consumer.position", position, AtomicLong::get)
                .tags(tags)
                .description("log position every event at or below which is applied")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, Tags tags, String name, String description) {
        return Counter.builder(name).tags(tags).description(description).register(registry);
    }

    public long lag() {
        return lag.get();
    }

    public void lag(long value) {
        lag.set(value);
    }

    void held(ConsumerStore.HeldSummary summary) {
        heldNow.set(summary.count());
        oldestHeldSeconds.set(summary.oldestSeconds());
    }

    void position(long value) {
        position.set(value);
    }
}
