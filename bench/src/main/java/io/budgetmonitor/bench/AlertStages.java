package io.budgetmonitor.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where row 3's latency goes, stage by stage, from the instants each stage leaves behind, all on this
 * machine's wall clock: the bench's send, answer and SSE arrival; PostgreSQL's commit timestamps
 * ({@code track_commit_timestamp}, set before the stack starts) of the refusal event in command-service's
 * store, of its copy in query-service's {@code event_log} (the consumer's transaction) and of the alert
 * transition; the Kafka record's CreateTime (the publisher's {@code send}) and when a watcher of the
 * same topic here received it (when the record became fetchable). Nothing in the services is changed to
 * measure it.
 */
final class AlertStages implements AutoCloseable {

    /** One sample: the line refused, and the bench's own instants. */
    record Sample(String line, Instant sent, Instant answered, Instant arrived) {}

    private record Seen(Instant created, Instant received) {}

    private final KafkaConsumer<String, byte[]> watcher;
    private final Thread thread;
    private final String keyPrefix;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /** Starts watching {@code topic} from its end for the events of {@code department}'s lines. */
    AlertStages(String bootstrap, String topic, String department) {
        this.keyPrefix = department + ":";
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("enable.auto.commit", "false");
        watcher = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = watcher.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        watcher.assign(partitions);
        watcher.seekToEnd(partitions);
        partitions.forEach(watcher::position);
        thread = new Thread(this::watch, "bench-alert-stages");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : watcher.poll(Duration.ofMillis(100))) {
                Instant received = Instant.now();
                Header id = record.headers().lastHeader("ce_id");
                if (record.key() != null && record.key().startsWith(keyPrefix) && id != null) {
                    seen.put(
                            new String(id.value(), StandardCharsets.UTF_8),
                            new Seen(Instant.ofEpochMilli(record.timestamp()), received));
                }
            }
        }
    }

    /** The stage table (Markdown lines) of these samples. */
    List<String> breakdown(
            String label, String department, int year, List<Sample> samples, String commandDb, String queryDb)
            throws SQLException {
        List<Stages> all = new ArrayList<>();
        try (Connection command = DriverManager.getConnection(commandDb, "postgres", "postgres");
                Connection query = DriverManager.getConnection(queryDb, "postgres", "postgres");
                PreparedStatement refusal = command.prepareStatement(
                        "select event_identifier, pg_xact_commit_timestamp(xmin) from domain_event_entry"
                                + " where aggregate_identifier = ? and payload_type like '%.DisbursementRejected'"
                                + " order by sequence_number desc limit 1");
                PreparedStatement copied = query.prepareStatement(
                        "select pg_xact_commit_timestamp(xmin) from event_log where event_id = ?");
                PreparedStatement transition =
                        query.prepareStatement("select pg_xact_commit_timestamp(xmin), alert_id from alert_transition"
                                + " where department = ? and fiscal_year = ? and subject = ?"
                                + " and rule = 'OVERSPEND_ATTEMPT' order by id limit 1");
                PreparedStatement outbox = query.prepareStatement(
                        "select pg_xact_commit_timestamp(xmin) from outbox where subject = ? order by id limit 1")) {
            for (Sample s : samples) {
                refusal.setString(1, department + ":" + year + ":" + s.line());
                String eventId = null;
                Instant eventCommit = null;
                try (ResultSet row = refusal.executeQuery()) {
                    if (row.next()) {
                        eventId = row.getString(1);
                        eventCommit = instant(row.getTimestamp(2));
                    }
                }
                Instant copyCommit = null;
                if (eventId != null) {
                    copied.setString(1, eventId);
                    try (ResultSet row = copied.executeQuery()) {
                        copyCommit = row.next() ? instant(row.getTimestamp(1)) : null;
                    }
                }
                transition.setString(1, department);
                transition.setInt(2, year);
                transition.setString(3, "line:" + s.line());
                Instant alertCommit = null;
                Instant outboxCommit = null;
                try (ResultSet row = transition.executeQuery()) {
                    if (row.next()) {
                        alertCommit = instant(row.getTimestamp(1));
                        outbox.setString(1, Long.toString(row.getLong(2)));
                        try (ResultSet sent = outbox.executeQuery()) {
                            outboxCommit = sent.next() ? instant(sent.getTimestamp(1)) : null;
                        }
                    }
                }
                Seen onKafka = eventId == null ? null : seen.get(eventId);
                all.add(new Stages(
                        s,
                        eventCommit,
                        onKafka == null ? null : onKafka.created(),
                        onKafka == null ? null : onKafka.received(),
                        copyCommit,
                        alertCommit,
                        outboxCommit));
            }
        }
        List<String> out = new ArrayList<>();
        out.add("Row 3 " + label + ", stage by stage (" + samples.size() + " samples; each stage's p50 / p99 / max"
                + " over the samples where both of its instants were found):");
        out.add("");
        out.add("| stage | from → to | p50 ms | p99 ms | max ms | samples |");
        out.add("|---|---|---|---|---|---|");
        out.add(line(
                all,
                "request and command",
                "bench sends → refusal event committed",
                x -> x.s.sent(),
                x -> x.eventCommit));
        out.add(line(all, "answer", "event committed → 409 received", x -> x.eventCommit, x -> x.s.answered()));
        out.add(line(
                all, "publisher", "event committed → Kafka record created (send)", x -> x.eventCommit, x -> x.created));
        out.add(line(all, "broker", "record created → fetched by a watcher", x -> x.created, x -> x.received));
        out.add(line(
                all,
                "consumer",
                "fetchable → query-service's event_log committed",
                x -> x.received,
                x -> x.copyCommit));
        out.add(line(
                all,
                "evaluation",
                "event_log committed → alert transition committed",
                x -> x.copyCommit,
                x -> x.alertCommit));
        out.add(line(all, "SSE", "transition committed → data line received", x -> x.alertCommit, x -> x.s.arrived()));
        out.add(line(all, "total", "bench sends → data line received", x -> x.s.sent(), x -> x.s.arrived()));
        out.add(line(
                all,
                "(outbox)",
                "transition committed → budget.alerts.v1 relay committed",
                x -> x.alertCommit,
                x -> x.outboxCommit));
        return out;
    }

    private record Stages(
            Sample s,
            Instant eventCommit,
            Instant created,
            Instant received,
            Instant copyCommit,
            Instant alertCommit,
            Instant outboxCommit) {}

    private static String line(
            List<Stages> all, String stage, String span, Function<Stages, Instant> from, Function<Stages, Instant> to) {
        Latencies latencies = new Latencies();
        long max = Long.MIN_VALUE;
        for (Stages x : all) {
            Instant a = from.apply(x);
            Instant b = to.apply(x);
            if (a != null && b != null) {
                long nanos = Duration.between(a, b).toNanos();
                latencies.add(nanos);
                max = Math.max(max, nanos);
            }
        }
        return String.format(
                "| %s | %s | %.1f | %.1f | %.1f | %d |",
                stage,
                span,
                latencies.percentileMillis(50),
                latencies.percentileMillis(99),
                latencies.count() == 0 ? Double.NaN : max / 1e6,
                latencies.count());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        watcher.close();
    }
}
