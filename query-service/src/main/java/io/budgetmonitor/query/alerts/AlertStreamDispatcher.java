package io.budgetmonitor.query.alerts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans alert transitions out to every SSE subscriber from ONE thread (no thread per subscriber).
 * The thread owns a cursor over {@code alert_transition}; a subscriber that arrives with a
 * Last-Event-ID is first replayed, on this same thread, the stored transitions between its id and
 * the cursor, then joins the live fan-out — so it sees every transition once, in id order.
 * Transition ids are committed in order (see {@link AlertService}), so the cursor never skips one.
 */
@Component
public class AlertStreamDispatcher implements TransitionListener, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AlertStreamDispatcher.class);
    private static final int PAGE = 500;

    private final AlertRepository repository;
    private final long heartbeatMillis;
    private final Queue<Subscriber> arriving = new ConcurrentLinkedQueue<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private ScheduledExecutorService thread;
    private long cursor;
    private volatile boolean running;

    public AlertStreamDispatcher(AlertRepository repository,
                                 @Value("${budget.alerts.heartbeat-millis:15000}") long heartbeatMillis) {
        this.repository = repository;
        this.heartbeatMillis = heartbeatMillis;
    }

    /** One SSE connection, touched only by the dispatcher thread once registered. */
    private static final class Subscriber {
        final SseEmitter emitter;
        final AlertFilter filter;
        final Long resumeAfter;
        long lastSent;
        volatile boolean closed;

        Subscriber(SseEmitter emitter, AlertFilter filter, Long resumeAfter) {
            this.emitter = emitter;
            this.filter = filter;
            this.resumeAfter = resumeAfter;
        }
    }

    public SseEmitter subscribe(AlertFilter filter, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(0L);
        Subscriber subscriber = new Subscriber(emitter, filter, lastEventId);
        emitter.onCompletion(() -> subscriber.closed = true);
        emitter.onTimeout(() -> subscriber.closed = true);
        emitter.onError(e -> subscriber.closed = true);
        arriving.add(subscriber);
        wake();
        return emitter;
    }

    public int subscriberCount() {
        return subscribers.size() + arriving.size();
    }

    @Override
    public void transitionsCommitted() {
        wake();
    }

    private void wake() {
        if (running && tickQueued.compareAndSet(false, true)) {
            thread.execute(this::tick);
        }
    }

    private void tick() {
        tickQueued.set(false);
        try {
            admitArrivals();
            fanOutNew();
            subscribers.removeIf(s -> s.closed);
        } catch (RuntimeException e) {
            log.warn("alert stream dispatch failed; retrying on the next tick", e);
        }
    }

    private void admitArrivals() {
        Subscriber s;
        while ((s = arriving.poll()) != null) {
            if (s.resumeAfter == null) {
                s.lastSent = cursor;
            } else {
                s.lastSent = s.resumeAfter;
                // replay what it missed, up to the cursor; the live fan-out continues from there
                while (s.lastSent < cursor && !s.closed) {
                    List<AlertTransition> page = repository.transitionsAfter(s.lastSent, PAGE);
                    if (page.isEmpty()) {
                        break;
                    }
                    for (AlertTransition t : page) {
                        if (t.id() > cursor) {
                            break;
                        }
                        send(s, t);
                    }
                }
                s.lastSent = Math.max(s.lastSent, cursor);
            }
            subscribers.add(s);
        }
    }

    private void fanOutNew() {
        List<AlertTransition> page;
        while (!(page = repository.transitionsAfter(cursor, PAGE)).isEmpty()) {
            for (AlertTransition t : page) {
                for (Subscriber s : subscribers) {
                    if (!s.closed && t.id() > s.lastSent) {
                        send(s, t);
                    }
                }
                cursor = t.id();
            }
        }
    }

    private void send(Subscriber s, AlertTransition t) {
        s.lastSent = t.id();
        if (!s.filter.matches(t)) {
            return;
        }
        try {
            s.emitter.send(SseEmitter.event().id(Long.toString(t.id())).name("alert-transition")
                    .data(t, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            s.closed = true;
            s.emitter.completeWithError(e);
        }
    }

    private void heartbeat() {
        thread.execute(() -> {
            for (Subscriber s : subscribers) {
                try {
                    s.emitter.send(SseEmitter.event().comment("heartbeat"));
                } catch (IOException | IllegalStateException e) {
                    s.closed = true;
                }
            }
            subscribers.removeIf(s -> s.closed);
        });
    }

    @Override
    public void start() {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-sse-dispatcher");
            t.setDaemon(true);
            return t;
        });
        cursor = repository.lastTransitionId();
        running = true;
        thread.scheduleWithFixedDelay(this::wake, 1, 1, TimeUnit.SECONDS);
        thread.scheduleWithFixedDelay(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        thread.shutdownNow();
        subscribers.forEach(s -> s.emitter.complete());
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
