package io.budgetmonitor.query.support;

import static org.awaitility.Awaitility.await;

import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.api.wire.LogWatermark;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.security.TestTokens;
import io.budgetmonitor.testkit.TestInfrastructure;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every integration test (same configuration → cached): a fresh database on
 * the real PostgreSQL, the real Kafka broker, events published as CloudEvents to budget.events.v1.
 * Tests keep apart by department code and by blocks of log positions.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "budget.monitoring.schedule=-",
            "spring.kafka.consumer.max-poll-records=500",
            "budget.security.demo-password=" + Http.PASSWORD,
            "budget.cors.allowed-origins=" + IntegrationTest.DASHBOARD_ORIGIN
        })
@Import(IntegrationTest.TestClock.class)
public abstract class IntegrationTest {
    /** The one browser origin the tests allow (CORS); any other is refused. */
    public static final String DASHBOARD_ORIGIN = "https://dashboard.example.gov.cn";

    private static final AtomicLong POSITIONS = new AtomicLong(1_000_000);
    /** A test identity provider, so Bearer tokens with any roles and departments can be tried too. */
    protected static final TestTokens TOKENS = new TestTokens();

    private static final int EVENT_PARTITIONS = 3;
    private static final java.util.concurrent.atomic.AtomicLong PUBLISHED_THROUGH =
            new java.util.concurrent.atomic.AtomicLong(-1);
    private static final Instant START = Instant.parse("2021-06-30T18:00:00Z");
    private static KafkaProducer<String, CloudEvent> producer;
    private static KafkaProducer<String, byte[]> rawProducer;

    protected final CloudEventCodec codec = new CloudEventCodec();

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected MutableClock clock;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        infra.createTopic(Topics.BUDGET_EVENTS, EVENT_PARTITIONS);
        infra.createTopic(Topics.BUDGET_ALERTS, 1);
        infra.createTopic(Topics.BUDGET_EVALUATIONS, 1);
        TestInfrastructure.registerSpringProperties(registry::add, infra.newDatabase("query"));
        // a consumer group per context, like the database: a test class with its own properties gets its own
        // context, and in a shared group the two contexts would split the partitions between their databases
        String group = "query-service-test-" + UUID.randomUUID();
        registry.add("budget.kafka.group-id", () -> group);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
    }

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    /** A scenario whose log positions no other test uses. */
    protected static ScenarioEvents scenario() {
        return new ScenarioEvents(POSITIONS.getAndAdd(1_000_000), Instant.parse("2021-01-01T01:00:00Z"));
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected static synchronized KafkaProducer<String, CloudEvent> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.get().kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.LINGER_MS_CONFIG,
                    5,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    CloudEventSerializer.class));
        }
        return producer;
    }

    protected static synchronized KafkaProducer<String, byte[]> rawProducer() {
        if (rawProducer == null) {
            rawProducer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            TestInfrastructure.get().kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        }
        return rawProducer;
    }

    /** Tests that move the monitor's day put it back, so the next test starts where every test starts. */
    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    @AfterAll
    static void flush() {
        if (producer != null) {
            producer.flush();
        }
    }

    /**
     * Publishes as the command-service would: CloudEvents binary mode, key = aggregate id, then a log
     * watermark on every partition (the highest position published so far).
     */
    protected void publish(Collection<RecordedEvent> events) {
        for (RecordedEvent e : events) {
            producer().send(new ProducerRecord<>(Topics.BUDGET_EVENTS, e.aggregateId(), codec.encode(e)));
            PUBLISHED_THROUGH.accumulateAndGet(e.position(), Math::max);
        }
        for (var mark : LogWatermark.forEveryPartition(
                Topics.BUDGET_EVENTS, EVENT_PARTITIONS, PUBLISHED_THROUGH.get(), Instant.now())) {
            producer().send(mark);
        }
        producer().flush();
    }

    protected void publish(RecordedEvent... events) {
        publish(List.of(events));
    }

    /**
     * Waits (no timing asserted) until every given event is in the log copy and the monitor has judged it: the
     * evaluation runs on a thread of its own, and the batch's row in evaluation_due is deleted by the
     * transaction that commits its alerts.
     */
    protected void awaitApplied(Collection<RecordedEvent> events) {
        List<String> ids = events.stream().map(RecordedEvent::eventId).toList();
        String[] departments =
                events.stream().map(e -> e.event().department()).distinct().toArray(String[]::new);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Integer n = jdbc.queryForObject(
                            "select count(*) from event_log where event_id = any (?)", Integer.class, (Object)
                                    ids.toArray(new String[0]));
                    return n != null && n == ids.size();
                });
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from evaluation_due where department = any (?)",
                                Integer.class,
                                (Object) departments)
                        == 0);
    }

    protected void awaitApplied(RecordedEvent... events) {
        awaitApplied(List.of(events));
    }
}
