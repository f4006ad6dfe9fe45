package io.budgetmonitor.consumer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Held events are never left waiting silently (滞留事件): every {@code check-interval} their count and the
 * oldest one's age go to the metrics and the health detail, and an aggregate whose held events waited longer
 * than {@code hold-timeout} has them parked (or released, per {@code on-hold-timeout}).
 */
class HeldEventsWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeldEventsWatch.class);

    private final ExactlyOnceConsumer<?> consumer;
    private final Projection<?> projection;
    private final ConsumerSettings settings;
    private final ReaderPosition position;
    private ScheduledExecutorService timer;

    HeldEventsWatch(
            ExactlyOnceConsumer<?> consumer,
            Projection<?> projection,
            ConsumerSettings settings,
            ReaderPosition position) {
        this.consumer = consumer;
        this.projection = projection;
        this.settings = settings;
        this.position = position;
    }

    /** One round: report, then give up on what waited too long. Returns how many events were expired. */
    int check() {
        ConsumerStore store = consumer.store();
        consumer.metrics().held(store.heldSummary());
        consumer.metrics().position(position.current());
        if (!projection.active()) {
            return 0;
        }
        int expired = 0;
        for (String aggregate : store.heldLongerThan(settings.holdTimeout())) {
            String why = "held longer than " + settings.holdTimeout() + " waiting for a missing predecessor in "
                    + aggregate + "; " + (settings.release() ? "released past the gap" : "parked");
            log.error("{}", why);
            expired += consumer.expire(aggregate, settings.release(), why);
        }
        if (expired > 0) {
            consumer.metrics().held(store.heldSummary());
        }
        return expired;
    }

    private void safeCheck() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("held-event check failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "held-events-watch");
            t.setDaemon(true);
            return t;
        });
        long every = settings.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::safeCheck, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
