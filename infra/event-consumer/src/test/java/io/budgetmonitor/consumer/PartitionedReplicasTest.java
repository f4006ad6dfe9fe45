package io.budgetmonitor.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.api.wire.LogWatermark;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.testkit.PostgresDatabase;
import io.budgetmonitor.testkit.TestInfrastructure;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consumer on a real broker and database with 12 partitions: the position is a read-your-writes
 * barrier (once a reader reports ≥ p, every event at or below p is applied, whatever partition it went to),
 * and two replicas of one reader sharing the partitions on one database end with exactly what one replica
 * ends with. Events are published as command-service publishes them: keyed by aggregate, then a log
 * watermark on every partition once the batch is acknowledged; some are published twice.
 */
class PartitionedReplicasTest {

    static final int PARTITIONS = 12;
    static final int EVENTS = 600;
    static final int AGGREGATES = 40;
    static final int BATCH = 25;

    private final List<Replica> replicas = new CopyOnWriteArrayList<>();

    /** A reader's projection: one row per applied event, in a table of its own database. */
    record AppliedTable(JdbcTemplate jdbc, String replica) implements Projection<Integer> {
        @Override
        public Integer apply(List<RecordedEvent> events) {
            jdbc.batchUpdate(
                    "insert into applied (event_id, aggregate_id, sequence_number, position, replica) values (?,?,?,?,?)",
                    events.stream()
                            .map(e -> new Object[] {
                                e.eventId(), e.aggregateId(), e.sequenceNumber(), e.position(), replica
                            })
                            .toList());
            return events.size();
        }
    }

    /** One replica: its own Kafka consumer in the group, its own consumer instance, the shared database. */
    final class Replica implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final KafkaConsumer<String, byte[]> kafka;
        final ExactlyOnceConsumer<Integer> consumer;
        final Thread thread;

        /** Partitions this replica holds after its last poll (read by the test thread). */
        final java.util.concurrent.atomic.AtomicInteger assigned = new java.util.concurrent.atomic.AtomicInteger();

        Replica(String name, String group, String topic, DriverManagerDataSource dataSource) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            consumer = new ExactlyOnceConsumer<>(
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                    new ConsumerStore(jdbc),
                    new AppliedTable(jdbc, name),
                    new ConsumerMetrics(new SimpleMeterRegistry(), name),
                    topic);
            Properties p = new Properties();
            p.put(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.get().kafkaBootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
            kafka = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            kafka.subscribe(List.of(topic));
            thread = new Thread(
                    () -> {
                        while (running.get()) {
                            ConsumerRecords<String, byte[]> polled = kafka.poll(Duration.ofMillis(100));
                            assigned.set(kafka.assignment().size());
                            if (!polled.isEmpty()) {
                                List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> batch =
                                        new ArrayList<>();
                                polled.forEach(batch::add);
                                consumer.accept(batch);
                                kafka.commitSync(); // after the transaction, as the container does in ack mode BATCH
                            }
                        }
                        kafka.close();
                    },
                    name);
            thread.start();
            replicas.add(this);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Replica r : replicas) {
            r.close();
        }
    }

    static DriverManagerDataSource database(String prefix) throws IOException {
        PostgresDatabase db = TestInfrastructure.get().newDatabase(prefix);
        DriverManagerDataSource ds = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        try (InputStream schema =
                PartitionedReplicasTest.class.getResourceAsStream("/db/consumer/V161__event_consumer.sql")) {
            jdbc.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        }
        jdbc.execute("create table applied (event_id text primary key, aggregate_id text not null, "
                + "sequence_number bigint not null, position bigint not null, replica text not null)");
        return ds;
    }

    static List<RecordedEvent> events() {
        List<RecordedEvent> events = new ArrayList<>();
        Map<String, Long> sequence = new HashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            String line = "L" + (i % AGGREGATES);
            String aggregate = "PR:2021:" + line;
            long seq = sequence.merge(aggregate, 1L, Long::sum) - 1;
            events.add(new RecordedEvent(
                    UUID.randomUUID().toString(),
                    aggregate,
                    seq,
                    i,
                    Instant.parse("2021-03-01T00:00:00Z"),
                    "recorder",
                    null,
                    new DisbursementRecorded(
                            "PR",
                            2021,
                            line,
                            "V" + i,
                            Money.of("1.00"),
                            "payee",
                            "purpose",
                            false,
                            LocalDate.of(2021, 3, 1))));
        }
        return events;
    }

    @Test
    void withTwelvePartitionsThePositionIsABarrierAndTwoReplicasEqualOne() throws Exception {
        String topic = "consumer-it-" + UUID.randomUUID();
        TestInfrastructure.get().createTopic(topic, PARTITIONS);
        DriverManagerDataSource shared = database("consumer_two");
        DriverManagerDataSource alone = database("consumer_one");
        JdbcTemplate sharedDb = new JdbcTemplate(shared);
        JdbcTemplate aloneDb = new JdbcTemplate(alone);
        Replica first = new Replica("replica-a", "two-replicas", topic, shared);
        Replica second = new Replica("replica-b", "two-replicas", topic, shared);
        Replica single = new Replica("single", "one-replica", topic, alone);
        ConsumerStore positions = new ConsumerStore(sharedDb);

        // publish only once the group has settled with both replicas in it: on a fast machine the first to
        // join could otherwise consume everything before the second is assigned any partition
        await().atMost(Duration.ofSeconds(60))
                .until(() -> first.assigned.get() > 0
                        && second.assigned.get() > 0
                        && first.assigned.get() + second.assigned.get() == PARTITIONS
                        && single.assigned.get() == PARTITIONS);

        List<RecordedEvent> events = events();
        CloudEventCodec codec = new CloudEventCodec();
        int barriersChecked = 0;
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.get().kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new CloudEventSerializer())) {
            for (int from = 0; from < EVENTS; from += BATCH) {
                List<Future<?>> acks = new ArrayList<>();
                List<RecordedEvent> batch = events.subList(from, Math.min(EVENTS, from + BATCH));
                for (RecordedEvent e : batch) {
                    acks.add(producer.send(new ProducerRecord<>(topic, e.aggregateId(), codec.encode(e))));
                    if (e.position() % 7 == 0) { // a redelivery
                        acks.add(producer.send(new ProducerRecord<>(topic, e.aggregateId(), codec.encode(e))));
                    }
                }
                producer.flush();
                for (Future<?> ack : acks) {
                    ack.get();
                }
                long through = batch.get(batch.size() - 1).position();
                for (var mark : LogWatermark.forEveryPartition(topic, PARTITIONS, through, Instant.now())) {
                    producer.send(mark);
                }
                producer.flush();
                if ((from / BATCH) % 4 == 0) {
                    // the client's read-your-writes wait: position ≥ its command's position, then it reads
                    await().atMost(Duration.ofSeconds(120))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> positions.position(topic) >= through);
                    Integer visible = sharedDb.queryForObject(
                            "select count(*) from applied where position <= ?", Integer.class, through);
                    assertThat(visible)
                            .as("every event ≤ %d applied once the position reached it", through)
                            .isEqualTo((int) through + 1);
                    barriersChecked++;
                }
            }
        }
        long last = events.get(EVENTS - 1).position();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> positions.position(topic) >= last && new ConsumerStore(aloneDb).position(topic) >= last);

        String rows = "select event_id, aggregate_id, sequence_number, position from applied order by position";
        assertThat(sharedDb.queryForList(rows)).hasSize(EVENTS).isEqualTo(aloneDb.queryForList(rows));
        String sequences = "select aggregate_id, last_sequence from consumer_sequence order by aggregate_id";
        assertThat(sharedDb.queryForList(sequences)).hasSize(AGGREGATES).isEqualTo(aloneDb.queryForList(sequences));
        assertThat(sharedDb.queryForObject("select count(distinct replica) from applied", Integer.class))
                .as("both replicas applied a share of the partitions")
                .isEqualTo(2);
        assertThat(sharedDb.queryForObject("select count(*) from dead_letter", Integer.class))
                .isZero();
        assertThat(sharedDb.queryForObject("select count(*) from consumer_held_event", Integer.class))
                .isZero();
        assertThat(sharedDb.queryForObject(
                        "select count(*) from consumer_partition where topic = ?", Integer.class, topic))
                .isEqualTo(PARTITIONS);
        System.out.printf(
                "12 partitions: %d events (+ redeliveries), %d read-your-writes barriers checked, two replicas = one%n",
                EVENTS, barriersChecked);
        first.close();
        second.close();
        single.close();
    }
}
