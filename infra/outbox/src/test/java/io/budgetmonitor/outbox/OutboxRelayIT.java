package io.budgetmonitor.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.budgetmonitor.testkit.PostgresDatabase;
import io.budgetmonitor.testkit.TestInfrastructure;
import io.budgetmonitor.testkit.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox against a real PostgreSQL and a real Kafka broker: what was rolled back is never published,
 * what was committed is published exactly once however the relay or the broker fails in between, in the
 * order it was written per key, and a re-send after a lost mark carries the same CloudEvents id.
 */
class OutboxRelayIT {

    private static final URI SOURCE = URI.create("urn:budget-monitor:outbox-test");

    private JdbcTemplate jdbc;
    private TransactionTemplate tx;
    private String topic;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void freshDatabaseAndTopic() {
        PostgresDatabase database = TestInfrastructure.get().newDatabase("outbox");
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/outbox")
                .load()
                .migrate();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        topic = "outbox-test-" + UUID.randomUUID();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void aMessageOfARolledBackTransactionIsNeverPublished() {
        OutboxRelay relay = relay(TestInfrastructure.get().kafkaBootstrapServers(), 200);
        Outbox outbox = new Outbox(jdbc, relay::wake);
        tx.executeWithoutResult(status -> {
            outbox.append(message("dept-A", "rolled-back", 1));
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(status -> outbox.append(message("dept-A", "committed", 2)));

        assertThat(relay.relayOnce()).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> published =
                readAll(TestInfrastructure.get().kafkaBootstrapServers());
        System.out.printf("[outbox] injected: one rolled-back append; checked: topic holds %s%n", ids(published));
        assertThat(ids(published)).containsExactly("committed");
        assertThatThrownBy(() -> outbox.append(message("dept-A", "no-transaction", 3)))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aRelayThatDiedBeforeSendingLeavesTheRowsForTheNextOneWhichSendsThemOnce() {
        String kafka = TestInfrastructure.get().kafkaBootstrapServers();
        Outbox outbox = new Outbox(jdbc, () -> {}); // the relay that should have been woken is dead
        for (int i = 1; i <= 5; i++) {
            int n = i;
            tx.executeWithoutResult(status -> outbox.append(message("dept-A", "m" + n, n)));
        }
        assertThat(unsent()).isEqualTo(5);

        OutboxRelay restarted = relay(kafka, 200);
        assertThat(restarted.relayOnce()).isEqualTo(5);
        assertThat(restarted.relayOnce()).isZero();

        List<ConsumerRecord<String, byte[]>> published = readAll(kafka);
        System.out.printf(
                "[outbox] injected: relay down for 5 commits; checked: after restart %s, unsent %d%n",
                ids(published), unsent());
        assertThat(ids(published)).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(unsent()).isZero();
    }

    @Test
    void aMarkLostInACrashMeansOneReSendUnderTheSameIdWhichAReaderDeduplicates() {
        String kafka = TestInfrastructure.get().kafkaBootstrapServers();
        OutboxRelay relay = relay(kafka, 200);
        Outbox outbox = new Outbox(jdbc, relay::wake);
        tx.executeWithoutResult(status -> {
            outbox.append(message("dept-A", "a1", 1));
            outbox.append(message("dept-A", "a2", 2));
        });
        assertThat(relay.relayOnce()).isEqualTo(2);
        // the crash: sent, but the mark's transaction never committed
        jdbc.update("update outbox set sent_at = null where event_id = 'a2'");
        assertThat(relay.relayOnce()).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> published = readAll(kafka);
        Set<String> seen = new LinkedHashSet<>(ids(published));
        System.out.printf(
                "[outbox] injected: lost mark of a2; checked: topic %s, a reader deduplicating by ce_id sees %s%n",
                ids(published), seen);
        assertThat(ids(published)).containsExactly("a1", "a2", "a2");
        assertThat(seen).containsExactly("a1", "a2");
        // appending the same announcement again (decided twice) does not make a second row
        tx.executeWithoutResult(status -> outbox.append(message("dept-A", "a1", 1)));
        assertThat(jdbc.queryForObject("select count(*) from outbox", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void messagesOfAKeyArePublishedInTheOrderTheyWereWrittenEvenWithTwoRelaysInSmallRounds() {
        String kafka = TestInfrastructure.get().kafkaBootstrapServers();
        TestInfrastructure.get().createTopic(topic, 3);
        OutboxRelay one = relay(kafka, 7);
        OutboxRelay two = relay(kafka, 7);
        Outbox outbox = new Outbox(jdbc, () -> {});
        int perKey = 40;
        List<String> keys = List.of("dept-A:2021", "dept-B:2021", "dept-C:2022", "dept-D:2021", "dept-E:2022");
        for (int i = 1; i <= perKey; i++) {
            int n = i;
            tx.executeWithoutResult(status -> {
                for (String key : keys) {
                    outbox.append(message(key, key + "#" + n, n));
                }
            });
        }
        // two replicas' relays race for the rows; the advisory lock lets one round at a time through
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> drain(one));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> drain(two));
        first.join();
        second.join();

        List<ConsumerRecord<String, byte[]>> published = readAll(kafka);
        Map<String, List<Integer>> sequenceByKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : published) {
            sequenceByKey
                    .computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8)));
        }
        System.out.printf(
                "[outbox] injected: %d messages on %d keys, two relays, rounds of 7; checked: %d published, per key in order%n",
                perKey * keys.size(), keys.size(), published.size());
        assertThat(published).hasSize(perKey * keys.size());
        List<Integer> expected =
                java.util.stream.IntStream.rangeClosed(1, perKey).boxed().toList();
        assertThat(sequenceByKey).hasSize(keys.size());
        sequenceByKey.values().forEach(sequence -> assertThat(sequence).isEqualTo(expected));
    }

    @Test
    void aBrokerThatIsDownDelaysTheMessagesAndLosesOrDoublesNone() throws Exception {
        Path data = Files.createTempDirectory("outbox-kafka-");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .dataDirectory(data)
                .port(freePort())
                .build()
                .start();
        closing.add(broker);
        String kafka = broker.bootstrapServers();
        OutboxRelay relay = relay(kafka, 200);
        Outbox outbox = new Outbox(jdbc, relay::wake);
        tx.executeWithoutResult(status -> outbox.append(message("dept-A", "before", 1)));
        assertThat(relay.relayOnce()).isEqualTo(1);

        broker.stop();
        for (int i = 2; i <= 4; i++) {
            int n = i;
            tx.executeWithoutResult(status -> outbox.append(message("dept-A", "during-" + n, n)));
        }
        assertThatThrownBy(relay::relayOnce).isInstanceOf(OutboxUnavailableException.class);
        assertThat(unsent()).isEqualTo(3);

        broker.start();
        relay.start();
        closing.add(relay::stop);
        await().atMost(Duration.ofSeconds(90)).until(() -> unsent() == 0);

        List<ConsumerRecord<String, byte[]>> published = readAll(kafka);
        System.out.printf(
                "[outbox] injected: broker stopped with 3 commits pending; checked: after restart %s%n",
                ids(published));
        assertThat(ids(published)).containsExactly("before", "during-2", "during-3", "during-4");
        assertThat(published)
                .allSatisfy(r -> assertThat(
                                new String(r.headers().lastHeader("ce_source").value(), StandardCharsets.UTF_8))
                        .isEqualTo(SOURCE.toString()));
    }

    private void drain(OutboxRelay relay) {
        while (unsent() > 0) {
            relay.relayOnce();
        }
    }

    private OutboxRelay relay(String bootstrap, int batchSize) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4_000);
        Producer<String, byte[]> producer = new KafkaProducer<>(config);
        closing.add(producer);
        OutboxSettings settings = new OutboxSettings(
                SOURCE, true, batchSize, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofDays(7));
        return new OutboxRelay(jdbc, tx, producer, settings, Clock.systemUTC(), null);
    }

    private OutboxMessage message(String key, String id, int n) {
        return new OutboxMessage(
                topic,
                key,
                id,
                "io.budgetmonitor.Test.v1",
                key,
                Instant.now(),
                Integer.toString(n).getBytes());
    }

    private int unsent() {
        return jdbc.queryForObject("select count(*) from outbox where sent_at is null", Integer.class);
    }

    /** Everything on the topic now (the relay returns only after the broker acknowledged what it marked). */
    private List<ConsumerRecord<String, byte[]>> readAll(String bootstrap) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
