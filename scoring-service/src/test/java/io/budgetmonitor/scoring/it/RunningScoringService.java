package io.budgetmonitor.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.api.events.AssetUtilizationReported;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.FundsReclaimed;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.events.ProcurementPlanApproved;
import io.budgetmonitor.api.events.QualitativeAssessmentRecorded;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.LogWatermark;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.security.TestTokens;
import io.budgetmonitor.testkit.TestInfrastructure;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scoring service as deployed, on a real PostgreSQL and a real Kafka broker (testkit), accepting
 * both the demo users over HTTP Basic and Bearer tokens of a test issuer. Every test class that extends
 * this shares one running application (same configuration, so Spring's test context cache reuses it)
 * and one event factory, so log positions keep increasing across classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
abstract class RunningScoringService {

    static final String PASSWORD = "scoring-test-password";
    static final TestTokens TOKENS = new TestTokens();
    static final EventFactory EVENTS = new EventFactory(1);
    static KafkaProducer<String, CloudEvent> producer;
    static final java.util.concurrent.atomic.AtomicLong PUBLISHED_THROUGH =
            new java.util.concurrent.atomic.AtomicLong(-1);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        // one partition: the whole log in order, so "position ≥ p" means every event up to p was handled
        infra.createTopic(Topics.BUDGET_EVENTS, 1);
        infra.createTopic(Topics.BUDGET_EVALUATIONS, 1);
        infra.createTopic(Topics.BUDGET_ALERTS, 1);
        TestInfrastructure.registerSpringProperties(registry::add, "scoring");
        registry.add("budget.security.demo-password", () -> PASSWORD);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
    }

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.get().kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new CloudEventSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    /** Not signed in: add credentials with {@link #as}. */
    @Autowired
    TestRestTemplate anonymous;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    /** A demo user of SECURITY.md over HTTP Basic. */
    TestRestTemplate as(String user) {
        return anonymous.withBasicAuth(user, PASSWORD);
    }

    // ---- events

    void publishAll(List<BudgetEvent> events) {
        publish(events.stream().map(EVENTS::record).toArray(RecordedEvent[]::new));
    }

    /** As the command-service publishes: the events, then a log watermark on every partition. */
    void publish(RecordedEvent... events) {
        for (RecordedEvent e : events) {
            producer.send(new ProducerRecord<>(Topics.BUDGET_EVENTS, e.aggregateId(), EVENTS.encode(e)));
            PUBLISHED_THROUGH.accumulateAndGet(e.position(), Math::max);
        }
        for (var mark : LogWatermark.forEveryPartition(
                Topics.BUDGET_EVENTS, 1, PUBLISHED_THROUGH.get(), java.time.Instant.now())) {
            producer.send(mark);
        }
        producer.flush();
    }

    void waitForPosition(long position) {
        TestRestTemplate reader = as("auditor");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> json.readTree(reader.getForObject("/api/v1/position", String.class))
                                .get("position")
                                .asLong()
                        >= position);
    }

    /** Publishes the small year of a department and waits until it is applied. */
    void applySmallYear(String department, String rubric) {
        publishAll(smallYear(department, rubric));
        waitForPosition(EVENTS.lastPosition());
    }

    // ---- evaluations

    /** Takes a snapshot as {@code user}, asserting 201. */
    JsonNode evaluate(TestRestTemplate user, String department, String rubric) {
        ResponseEntity<String> response = post(user, evaluationRequest(department, rubric));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getHeaders().getLocation()).isNotNull();
        return read(response.getBody());
    }

    static Map<String, Object> evaluationRequest(String department, String rubric) {
        return rubric == null
                ? Map.of("department", department, "fiscalYear", 2021)
                : Map.of("department", department, "fiscalYear", 2021, "rubric", rubric);
    }

    ResponseEntity<String> post(TestRestTemplate user, Map<String, Object> body) {
        return user.postForEntity("/api/v1/evaluations", new HttpEntity<>(body, jsonHeaders()), String.class);
    }

    JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    static HttpHeaders yamlHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        return headers;
    }

    long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    // ---- the small year: one GPB public-expense line of 10,000.00, 73% spent, the rest reclaimed (43.12 points, 差)

    static List<BudgetEvent> smallYear(String d, String rubric) {
        LocalDate end = LocalDate.of(2021, 12, 31);
        return List.of(
                opened(d, rubric),
                new ProcurementPlanApproved(d, 2021, Money.of("1000.00"), LocalDate.of(2021, 1, 10)),
                new AssetUtilizationReported(d, 2021, Money.of("990.00"), Money.of("1000.00"), end),
                new PerformanceTargetSet(
                        d,
                        2021,
                        "B1.1",
                        "B1",
                        "会议保障次数",
                        KpiDirection.HIGHER_IS_BETTER,
                        new BigDecimal("10"),
                        null,
                        "次",
                        new BigDecimal("2"),
                        LocalDate.of(2021, 1, 5)),
                new PerformanceProgressReported(d, 2021, "B1.1", new BigDecimal("12"), null, end),
                new QualitativeAssessmentRecorded(d, 2021, "A6.5", BigDecimal.ONE, "自评材料迟报", "区财政局", end),
                line(d, "L1", "10000.00"),
                paid(d, "L1", "V1", "2500.00", "2021-03-10"),
                new DisbursementRecorded(
                        d, 2021, "L1", "V2", Money.of("800.00"), "供应商", "采购", true, LocalDate.of(2021, 6, 10)),
                paid(d, "L1", "V3", "4000.00", "2021-09-10"),
                new FundsReclaimed(d, 2021, "L1", Money.of("2700.00"), end));
    }

    static FiscalYearOpened opened(String d) {
        return opened(d, "baiyun-2022");
    }

    static FiscalYearOpened opened(String d, String rubric) {
        return new FiscalYearOpened(
                d,
                2021,
                "测试部门" + d,
                rubric,
                List.of(new BigDecimal("0.25"), new BigDecimal("0.50"), new BigDecimal("0.75"), new BigDecimal("1.00")),
                LocalDate.of(2021, 1, 1));
    }

    static BudgetAllocated line(String d, String line, String amount) {
        return new BudgetAllocated(
                d,
                2021,
                line,
                "公用经费" + line,
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PUBLIC_EXPENSE,
                ThreePublicCategory.NONE,
                true,
                Money.of(amount),
                LocalDate.of(2021, 1, 1));
    }

    static DisbursementRecorded paid(String d, String line, String voucher, String amount, String on) {
        return new DisbursementRecorded(
                d, 2021, line, voucher, Money.of(amount), "收款人", "用途", false, LocalDate.parse(on));
    }
}
