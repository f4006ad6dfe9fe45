package io.budgetmonitor.query.alerts;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans alert transitions out to every SSE subscriber.
 *
 * <p>ONE dispatcher thread owns a cursor over {@code alert_transition} and decides what each
 * subscriber gets, in id order; it never writes to a socket. Each subscriber has a small outbox,
 * drained by a pool of writer threads (one writer per subscriber at a time, so its events stay in
 * order). A dashboard that stops reading therefore holds up its own writer only, never the dispatcher
 * or the other subscribers. Its outbox is bounded: once full, the subscriber falls behind the cursor
 * and, like a reconnect with Last-Event-ID, catches up from the table page by page as its client reads
 * again. Memory stays bounded whatever the backlog, and no subscriber is dropped for being slow.
 * Transition ids are committed in order (see {@link AlertService}), so the cursor never skips one.
 */
@Component
public class AlertStreamDispatcher implements TransitionListener, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AlertStreamDispatcher.class);
    private static final int PAGE = 500;

    private final AlertRepository repository;
    private final long heartbeatMillis;
    private final int writerThreads;
    private final int outboxLimit;
    private final Queue<Subscriber> arriving = new ConcurrentLinkedQueue<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private ScheduledExecutorService thread;
    private ExecutorService writers;
    private volatile long cursor;
    private volatile boolean running;

    @Autowired
    public AlertStreamDispatcher(
            AlertRepository repository,
            @Value("${budget.alerts.heartbeat-millis:15000}") long heartbeatMillis,
            @Value("${budget.alerts.stream.writer-threads:8}") int writerThreads,
            @Value("${budget.alerts.stream.outbox-limit:500}") int outboxLimit) {
        this.repository = repository;
        this.heartbeatMillis = heartbeatMillis;
        this.writerThreads = writerThreads;
        this.outboxLimit = outboxLimit;
    }

    /** One SSE connection. Its position is the dispatcher thread's; its outbox is shared with a writer. */
    private final class Subscriber {
        final SseEmitter emitter;
        final AlertFilter filter;
        /** The last transition id decided for this subscriber (queued, or skipped by its filter). */
        volatile long lastQueued;

        private final ArrayDeque<SseEmitter.SseEventBuilder> outbox = new ArrayDeque<>();
        private boolean writing;
        volatile boolean closed;

        Subscriber(SseEmitter emitter, AlertFilter filter, long lastQueued) {
            this.emitter = emitter;
            this.filter = filter;
            this.lastQueued = lastQueued;
        }

        synchronized boolean hasRoom() {
            return outbox.size() < outboxLimit;
        }

        /** Decides {@code transitions} (in id order) for this subscriber. Dispatcher thread only. */
        void queue(List<AlertTransition> transitions) {
            for (AlertTransition t : transitions) {
                if (t.id() <= lastQueued) {
                    continue; // a resume from an id past the start of this page
                }
                if (filter.matches(t)) {
                    enqueue(SseEmitter.event()
                            .id(Long.toString(t.id()))
                            .name("alert-transition")
                            .data(t, MediaType.APPLICATION_JSON));
                }
                lastQueued = t.id();
            }
        }

        void enqueue(SseEmitter.SseEventBuilder event) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                outbox.add(event);
                if (writing) {
                    return;
                }
                writing = true;
            }
            writers.execute(this::drain);
        }

        /** Writer thread: sends until the outbox is empty; a failed send closes the subscriber. */
        private void drain() {
            while (true) {
                SseEmitter.SseEventBuilder next;
                synchronized (this) {
                    next = outbox.poll();
                    if (next == null) {
                        writing = false;
                        break;
                    }
                }
                try {
                    emitter.send(next);
                } catch (IOException | IllegalStateException e) {
                    close(e);
                    return;
                }
            }
            if (lastQueued < cursor) {
                wake(); // it fell behind while its client was slow: the dispatcher refills the outbox
            }
        }

        void close(Exception cause) {
            synchronized (this) {
                closed = true;
                outbox.clear();
                writing = false;
            }
            emitter.completeWithError(cause);
        }
    }

    public SseEmitter subscribe(AlertFilter filter, Long lastEventId) {
        return subscribe(filter, lastEventId, new SseEmitter(0L));
    }

    /** Registers {@code emitter}; from {@code lastEventId} on, or from now when it is {@code null}. */
    SseEmitter subscribe(AlertFilter filter, Long lastEventId, SseEmitter emitter) {
        Subscriber subscriber = new Subscriber(emitter, filter, lastEventId == null ? -1 : lastEventId);
        // Spring sends the response headers with the first write: without this comment a client
        // (EventSource.onopen, a proxy, a test) would not know it is subscribed until the first
        // transition or heartbeat. It is sent here, on the request's own thread and before the dispatcher
        // knows the subscriber (so it goes first): Spring holds it until the handler returns and writes it
        // then, still on that thread, which commits the headers there. When a writer thread made the first
        // write instead, it committed the headers while the request thread was still on its way out through
        // filters that touch them too: now and then Tomcat failed serialising them (a NullPointerException in
        // Http11OutputBuffer) and that dashboard never got a usable stream (docs/decisions.md).
        try {
            emitter.send(SseEmitter.event().comment("subscribed"));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
            return emitter;
        }
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
            catchUpTheLagging();
            subscribers.removeIf(s -> s.closed);
        } catch (RuntimeException e) {
            log.warn("alert stream dispatch failed; retrying on the next tick", e);
        }
    }

    private void admitArrivals() {
        Subscriber s;
        while ((s = arriving.poll()) != null) {
            if (s.lastQueued < 0) {
                s.lastQueued = cursor; // no Last-Event-ID: live from now
            }
            subscribers.add(s);
        }
    }

    /** New transitions, read once, for every subscriber that is at the cursor and has room. */
    private void fanOutNew() {
        List<AlertTransition> page;
        while (!(page = repository.transitionsAfter(cursor, PAGE)).isEmpty()) {
            long pageStart = cursor;
            for (Subscriber s : subscribers) {
                if (!s.closed && s.lastQueued >= pageStart && s.hasRoom()) {
                    s.queue(page);
                }
            }
            cursor = page.get(page.size() - 1).id();
        }
    }

    /** Subscribers behind the cursor (a resume, a slow client) get their next page, up to the cursor. */
    private void catchUpTheLagging() {
        for (Subscriber s : subscribers) {
            if (s.closed || s.lastQueued >= cursor || !s.hasRoom()) {
                continue;
            }
            long upTo = cursor;
            List<AlertTransition> own = repository.transitionsAfter(s.lastQueued, PAGE).stream()
                    .filter(t -> t.id() <= upTo)
                    .toList();
            s.queue(own);
            if (s.lastQueued < cursor && s.hasRoom()) {
                wake(); // more than a page behind and still room: go on without waiting for the writer
            }
        }
    }

    private void heartbeat() {
        thread.execute(() -> {
            for (Subscriber s : subscribers) {
                if (!s.closed) {
                    s.enqueue(SseEmitter.event().comment("heartbeat"));
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
        AtomicInteger writerNumber = new AtomicInteger();
        writers = Executors.newFixedThreadPool(writerThreads, r -> {
            Thread t = new Thread(r, "alert-sse-writer-" + writerNumber.incrementAndGet());
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
        writers.shutdownNow();
        subscribers.forEach(s -> s.emitter.complete());
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
