package io.budgetmonitor.outbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox's committed rows to Kafka and marks them sent.
 *
 * <p>A round, in one database transaction: take the outbox's advisory lock (one relay at a time per
 * outbox, whichever replica it runs on; the others skip the round), read the oldest unsent rows in id
 * order, send them all, then wait for the broker's acknowledgements in id order and mark the acknowledged
 * prefix sent. Rows after the first failure stay unsent and go again in the next round, after the failed
 * one, so a key's messages reach the topic in the order they were written (ids grow in commit order for
 * one key: its writers serialise on the key's rows). A crash after a send and before the mark's commit
 * sends the row again under the same CloudEvents id: delivery is at least once, and readers deduplicate by
 * id. A row of a rolled-back transaction never existed, so it is never sent.
 *
 * <p>It runs on its own thread, woken after every commit that wrote a row ({@link Outbox}) and at least
 * every {@code pollInterval} (a row committed by another replica, a broker that came back). After a failed
 * round it waits {@code pollInterval} before the next.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String JSON = "application/json";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Producer<String, byte[]> producer;
    private final OutboxSettings settings;
    private final Clock clock;
    private final Counter sent;
    private final Counter failedRounds;
    private final AtomicLong unsent = new AtomicLong();
    private final Object signal = new Object();
    private boolean woken;
    private volatile Thread thread;
    private Instant lastPurge = Instant.EPOCH;

    public OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            Producer<String, byte[]> producer,
            OutboxSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.producer = producer;
        this.settings = settings;
        this.clock = clock;
        MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
        this.sent = Counter.builder("budget.outbox.sent")
                .description("outbox messages the broker acknowledged (a re-send after a crash counts again)")
                .register(registry);
        this.failedRounds = Counter.builder("budget.outbox.failed.rounds")
                .description("relay rounds that could not send or mark everything they read")
                .register(registry);
        registry.gauge("budget.outbox.unsent", unsent);
    }

    /** Asks for a round soon (after a commit that wrote a row). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /**
     * One round; public for tests and for a caller that wants the outbox drained now.
     *
     * @return the rows sent and marked, or 0 when another relay holds the outbox
     * @throws OutboxUnavailableException when a send failed or timed out (what came before it is marked)
     */
    public int relayOnce() {
        Round round = tx.execute(status -> {
            Boolean locked = jdbc.queryForObject(
                    "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))", Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return new Round(0, null);
            }
            List<Row> rows = jdbc.query(
                    "select id, topic, message_key, event_id, event_type, subject, occurred_at, payload from outbox "
                            + "where sent_at is null order by id limit ?",
                    (rs, n) -> new Row(
                            rs.getLong("id"),
                            new OutboxMessage(
                                    rs.getString("topic"),
                                    rs.getString("message_key"),
                                    rs.getString("event_id"),
                                    rs.getString("event_type"),
                                    rs.getString("subject"),
                                    rs.getTimestamp("occurred_at").toInstant(),
                                    rs.getBytes("payload"))),
                    settings.batchSize());
            List<Long> acknowledged = new ArrayList<>(rows.size());
            RuntimeException failure = sendInOrder(rows, acknowledged);
            if (!acknowledged.isEmpty()) {
                Array ids = jdbc.execute(
                        (ConnectionCallback<Array>) c -> c.createArrayOf("bigint", acknowledged.toArray()));
                jdbc.update("update outbox set sent_at = ? where id = any(?)", Timestamp.from(clock.instant()), ids);
            }
            // a failed send still commits the marks of what went before it: their re-send would only be a duplicate
            return new Round(acknowledged.size(), failure);
        });
        if (round == null) {
            return 0;
        }
        sent.increment(round.marked());
        if (round.failure() != null) {
            throw round.failure();
        }
        return round.marked();
    }

    private RuntimeException sendInOrder(List<Row> rows, List<Long> acknowledged) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        try {
            for (Row row : rows) {
                sends.add(producer.send(record(row.message())));
            }
        } catch (RuntimeException refused) {
            // e.g. no metadata within max.block.ms: the broker is unreachable; await what was handed over
            awaitPrefix(rows, sends, acknowledged);
            return new OutboxUnavailableException(
                    "the producer refused outbox row " + rows.get(sends.size()).id(), refused);
        }
        return awaitPrefix(rows, sends, acknowledged);
    }

    private RuntimeException awaitPrefix(List<Row> rows, List<Future<RecordMetadata>> sends, List<Long> acknowledged) {
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(rows.get(i).id());
            } catch (ExecutionException | TimeoutException e) {
                return new OutboxUnavailableException(
                        "the broker did not acknowledge outbox row "
                                + rows.get(i).id(),
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new OutboxUnavailableException(
                        "interrupted while sending outbox row " + rows.get(i).id(), e);
            }
        }
        return null;
    }

    private ProducerRecord<String, byte[]> record(OutboxMessage message) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(message.id())
                .withSource(settings.source())
                .withType(message.type())
                .withTime(message.time().atOffset(ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withData(message.data());
        if (message.subject() != null) {
            event.withSubject(message.subject());
        }
        CloudEvent built = event.build();
        return KafkaMessageFactory.createWriter(message.topic(), null, null, message.key())
                .writeBinary(built);
    }

    /** Deletes rows sent longer ago than the retention, at most once a minute. */
    void purge() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(Duration.ofMinutes(1)) < 0) {
            return;
        }
        lastPurge = now;
        jdbc.update("delete from outbox where sent_at < ?", Timestamp.from(now.minus(settings.retention())));
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            boolean full = false;
            boolean failed = false;
            try {
                full = relayOnce() == settings.batchSize();
                purge();
                unsent.set(jdbc.queryForObject("select count(*) from outbox where sent_at is null", Long.class));
            } catch (RuntimeException e) {
                failed = true;
                failedRounds.increment();
                log.warn("outbox relay round failed; retrying in {}: {}", settings.pollInterval(), describe(e));
            }
            if (!full) {
                await(failed);
            }
        }
    }

    private void await(boolean afterFailure) {
        synchronized (signal) {
            try {
                long deadline = System.nanoTime() + settings.pollInterval().toNanos();
                // after a failure a wake-up does not cut the pause short: the broker is not back because a row was
                // written
                while ((afterFailure || !woken) && thread != null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                }
                woken = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread = null;
            }
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    @Override
    public synchronized void start() {
        if (thread != null || !settings.enabled()) {
            return;
        }
        Thread started = new Thread(this::run, "outbox-relay");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    @Override
    public void stop() {
        Thread running;
        synchronized (this) {
            running = thread;
            thread = null;
        }
        if (running == null) {
            return;
        }
        wake();
        try {
            running.join(settings.sendTimeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private record Row(long id, OutboxMessage message) {}

    private record Round(int marked, RuntimeException failure) {}
}
