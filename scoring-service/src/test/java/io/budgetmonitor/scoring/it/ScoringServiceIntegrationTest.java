package io.budgetmonitor.scoring.it;

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
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.testkit.TestInfrastructure;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The service end to end on a real PostgreSQL and a real Kafka broker (testkit): CloudEvents on
 * budget.events.v1 → inputs → snapshots over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class ScoringServiceIntegrationTest {

    private static final EventFactory EVENTS = new EventFactory(1);
    private static KafkaProducer<String, CloudEvent> producer;
    private static KafkaProducer<String, byte[]> rawProducer;
    private static final AtomicLong RAW_OFFSET = new AtomicLong();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        // one partition: the whole log in order, so "position ≥ p" means every event up to p was handled
        infra.createTopic(Topics.BUDGET_EVENTS, 1);
        infra.createTopic(Topics.BUDGET_EVALUATIONS, 1);
        TestInfrastructure.registerSpringProperties(registry::add, "scoring");
    }

    @BeforeAll
    static void producers() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer());
        rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
        rawProducer.close();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void aSmallYearIsScoredFromItsEvents() throws Exception {
        String d = "IT-A";
        publishAll(smallYear(d));
        waitForPosition(EVENTS.lastPosition());

        JsonNode snapshot = evaluate(d, null);
        assertThat(snapshot.get("rubric").get("id").asText()).isEqualTo("baiyun-2022");
        assertThat(snapshot.get("position").asLong()).isGreaterThanOrEqualTo(EVENTS.lastPosition());
        assertThat(points(snapshot, "A1.1")).isEqualByComparingTo("1.46");
        assertThat(value(snapshot, "A1.1")).isEqualTo("0.7300");
        assertThat(points(snapshot, "A1.4")).isEqualByComparingTo("0");
        assertThat(points(snapshot, "A1.5")).isEqualByComparingTo("1.68");
        assertThat(points(snapshot, "A1.6")).isEqualByComparingTo("2");
        assertThat(points(snapshot, "A2.1")).isEqualByComparingTo("2");
        assertThat(points(snapshot, "A4.3")).isEqualByComparingTo("1.98");
        assertThat(points(snapshot, "A6.5")).isEqualByComparingTo("3");
        assertThat(points(snapshot, "B1")).isEqualByComparingTo("2");
        assertThat(snapshot.get("parts").get("A").get("points").decimalValue()).isEqualByComparingTo("41.12");
        assertThat(snapshot.get("total").decimalValue()).isEqualByComparingTo("43.12");
        assertThat(snapshot.get("grade").asText()).isEqualTo("差");
        assertThat(indicator(snapshot, "A1.1").get("explanation").asText()).isEqualTo("预算完成率为73.00%，未达100%，计算得1.46分。");
        assertThat(indicator(snapshot, "A6.5").get("deductions").get(0).get("reason").asText()).isEqualTo("自评材料迟报");

        JsonNode projected = json.readTree(http.getForObject(
                "/api/v1/departments/" + d + "/years/2021/projected-score?asOf=2021-06-30", String.class));
        assertThat(projected.get("projectedTotal").decimalValue()).isPositive();
        assertThat(projected.get("method").asText()).contains("run rate");
        assertThat(http.getForEntity("/api/v1/departments/" + d + "/years/2021/projected-score?asOf=June", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        String id = snapshot.get("id").asText();
        assertThat(json.readTree(http.getForObject("/api/v1/evaluations/" + id, String.class))).isEqualTo(snapshot);
        JsonNode list = json.readTree(http.getForObject("/api/v1/evaluations?department=" + d + "&fiscalYear=2021", String.class));
        assertThat(list).hasSize(1);

        ResponseEntity<String> report = http.getForEntity("/api/v1/evaluations/" + id + "/report", String.class);
        assertThat(report.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/markdown"))).isTrue();
        assertThat(report.getBody()).contains("（一）自评结论综述").contains("得分43.12分");
        for (JsonNode indicator : snapshot.get("indicators")) {
            if (!indicator.get("parent").asText().matches("[AB]") || indicator.get("code").asText().startsWith("B")) {
                assertThat(report.getBody()).as(indicator.get("code").asText())
                        .contains(indicator.get("name").asText() + "（满分" + show(indicator.get("max").decimalValue())
                                + "分，得分" + show(indicator.get("points").decimalValue()) + "分）");
            }
        }
        assertThat(report.getBody()).contains("自评材料迟报");
        HttpHeaders accept = new HttpHeaders();
        accept.setAccept(List.of(MediaType.TEXT_HTML));
        ResponseEntity<String> html = http.exchange("/api/v1/evaluations/" + id + "/report", HttpMethod.GET,
                new HttpEntity<>(accept), String.class);
        assertThat(html.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(html.getBody()).contains("<h3>（一）自评结论综述</h3>");
    }

    @Test
    void redeliveriesChangeNothingAndAGapIsHeldUntilFilled() {
        String d = "IT-B";
        RecordedEvent opened = EVENTS.record(opened(d));
        RecordedEvent allocated = EVENTS.record(line(d, "L1", "1000.00"));
        RecordedEvent first = EVENTS.record(paid(d, "L1", "V1", "100.00", "2021-02-01"));
        RecordedEvent second = EVENTS.record(paid(d, "L1", "V2", "200.00", "2021-02-02"));
        RecordedEvent third = EVENTS.record(paid(d, "L1", "V3", "300.00", "2021-02-03"));
        publish(opened, allocated, first, first, allocated); // redeliveries
        waitForPosition(first.position());
        assertThat(executed(evaluate(d, null))).isEqualTo("100.00");

        publish(third); // seq 3 while 1 was the last: a gap
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM consumer_gap WHERE aggregate_id = ? AND resolved_at IS NULL",
                third.aggregateId()) == 1);
        assertThat(count("SELECT count(*) FROM held_event WHERE aggregate_id = ?", third.aggregateId())).isEqualTo(1);
        assertThat(executed(evaluate(d, null))).isEqualTo("100.00");

        publish(second, third, first); // the missing one, then redeliveries
        waitForPosition(third.position());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM consumer_gap WHERE aggregate_id = ? AND resolved_at IS NULL",
                third.aggregateId()) == 0);
        assertThat(executed(evaluate(d, null))).isEqualTo("600.00");
    }

    @Test
    void poisonIsParkedWhileLaterEventsApply() {
        String d = "IT-C";
        RecordedEvent opened = EVENTS.record(opened(d));
        RecordedEvent allocated = EVENTS.record(line(d, "L1", "1000.00"));
        RecordedEvent paid = EVENTS.record(paid(d, "L1", "V1", "400.00", "2021-03-01"));
        // a disbursement on a line never allocated: the handler refuses it (its stream is new, seq 0)
        RecordedEvent orphan = EVENTS.record(paid(d, "NO-SUCH-LINE", "V9", "1.00", "2021-03-01"));
        RecordedEvent later = EVENTS.record(paid(d, "L1", "V2", "100.00", "2021-03-02"));
        long parkedBefore = count("SELECT count(*) FROM dead_letter");
        publish(opened, allocated);
        rawProducer.send(new ProducerRecord<>(Topics.BUDGET_EVENTS, d + ":2021:L1", "not a cloud event".getBytes()));
        publish(paid, orphan, later);
        waitForPosition(later.position());
        assertThat(count("SELECT count(*) FROM dead_letter") - parkedBefore).isEqualTo(2);
        assertThat(executed(evaluate(d, null))).isEqualTo("500.00");
    }

    @Test
    void snapshotsNeverChange() throws Exception {
        String d = "IT-D";
        RecordedEvent opened = EVENTS.record(opened(d));
        RecordedEvent allocated = EVENTS.record(line(d, "L1", "1000.00"));
        RecordedEvent paid = EVENTS.record(paid(d, "L1", "V1", "500.00", "2021-03-01"));
        publish(opened, allocated, paid);
        waitForPosition(paid.position());
        JsonNode before = evaluate(d, null);
        String id = before.get("id").asText();

        RecordedEvent more = EVENTS.record(paid(d, "L1", "V2", "250.00", "2021-04-01"));
        publish(more);
        waitForPosition(more.position());
        JsonNode after = evaluate(d, null);

        assertThat(json.readTree(http.getForObject("/api/v1/evaluations/" + id, String.class))).isEqualTo(before);
        assertThat(executed(before)).isEqualTo("500.00");
        assertThat(executed(after)).isEqualTo("750.00");
        assertThat(points(after, "A1.1")).isEqualByComparingTo("1.50");

        JsonNode diff = json.readTree(http.getForObject("/api/v1/evaluations/" + id + "/diff/" + after.get("id").asText(), String.class));
        JsonNode a11 = null;
        for (JsonNode change : diff.get("indicators")) {
            if (change.get("code").asText().equals("A1.1")) {
                a11 = change;
            }
        }
        assertThat(a11).isNotNull();
        assertThat(a11.get("pointsBefore").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(a11.get("pointsAfter").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(a11.get("inputs").get("executed").get("after").asText()).isEqualTo("750.00");

        // and there is no way to change one, not even directly in the database
        assertThatThrownBy(() -> jdbc.update("UPDATE evaluation SET total = 100 WHERE id = ?::uuid", id))
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM evaluation WHERE id = ?::uuid", id))
                .hasMessageContaining("immutable");
        assertThat(http.exchange("/api/v1/evaluations/" + id, HttpMethod.PUT, new HttpEntity<>("{}", jsonHeaders()), String.class)
                .getStatusCode().is4xxClientError()).isTrue();
    }

    @Test
    void errorsAreProblemDetails() throws Exception {
        ResponseEntity<String> unknown = post(Map.of("department", "NOPE", "fiscalYear", 2021));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(json.readTree(unknown.getBody()).get("detail").asText()).contains("NOPE").contains("2021");

        String d = "IT-E";
        RecordedEvent opened = EVENTS.record(opened(d));
        publish(opened);
        waitForPosition(opened.position());
        ResponseEntity<String> badRubric = post(Map.of("department", d, "fiscalYear", 2021, "rubric", "mars-2099"));
        assertThat(badRubric.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(badRubric.getBody()).contains("mars-2099");

        ResponseEntity<String> missing = post(Map.of("department", d));
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(missing.getBody()).get("errors").get(0).get("field").asText()).isEqualTo("fiscalYear");
        assertThat(http.getForEntity("/api/v1/evaluations/not-a-uuid", String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/api/v1/evaluations/00000000-0000-0000-0000-000000000000", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        JsonNode rubrics = json.readTree(http.getForObject("/api/v1/rubrics", String.class));
        assertThat(rubrics.get(0).get("id").asText()).isEqualTo("baiyun-2022");
        assertThat(rubrics.get(0).get("maxPoints").decimalValue()).isEqualByComparingTo("100");
        ResponseEntity<String> badUpload = http.postForEntity("/api/v1/rubrics",
                new HttpEntity<>("id: x\nversion: 1\n", yamlHeaders()), String.class);
        assertThat(badUpload.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(badUpload.getBody()).contains("name");
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForObject("/actuator/prometheus", String.class)).contains("scoring_events_applied_total");
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    // ---- the small year: one GPB public-expense line of 10,000.00, 73% spent, the rest reclaimed

    static List<BudgetEvent> smallYear(String d) {
        LocalDate end = LocalDate.of(2021, 12, 31);
        return List.of(opened(d),
                new ProcurementPlanApproved(d, 2021, Money.of("1000.00"), LocalDate.of(2021, 1, 10)),
                new AssetUtilizationReported(d, 2021, Money.of("990.00"), Money.of("1000.00"), end),
                new PerformanceTargetSet(d, 2021, "B1.1", "B1", "会议保障次数", KpiDirection.HIGHER_IS_BETTER,
                        new BigDecimal("10"), null, "次", new BigDecimal("2"), LocalDate.of(2021, 1, 5)),
                new PerformanceProgressReported(d, 2021, "B1.1", new BigDecimal("12"), null, end),
                new QualitativeAssessmentRecorded(d, 2021, "A6.5", BigDecimal.ONE, "自评材料迟报", "区财政局", end),
                line(d, "L1", "10000.00"),
                paid(d, "L1", "V1", "2500.00", "2021-03-10"),
                new DisbursementRecorded(d, 2021, "L1", "V2", Money.of("800.00"), "供应商", "采购", true, LocalDate.of(2021, 6, 10)),
                paid(d, "L1", "V3", "4000.00", "2021-09-10"),
                new FundsReclaimed(d, 2021, "L1", Money.of("2700.00"), end));
    }

    static FiscalYearOpened opened(String d) {
        return new FiscalYearOpened(d, 2021, "测试部门" + d, "baiyun-2022",
                List.of(new BigDecimal("0.25"), new BigDecimal("0.50"), new BigDecimal("0.75"), new BigDecimal("1.00")),
                LocalDate.of(2021, 1, 1));
    }

    static BudgetAllocated line(String d, String line, String amount) {
        return new BudgetAllocated(d, 2021, line, "公用经费" + line, FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PUBLIC_EXPENSE, ThreePublicCategory.NONE, true, Money.of(amount), LocalDate.of(2021, 1, 1));
    }

    static DisbursementRecorded paid(String d, String line, String voucher, String amount, String on) {
        return new DisbursementRecorded(d, 2021, line, voucher, Money.of(amount), "收款人", "用途", false, LocalDate.parse(on));
    }

    // ---- helpers

    private void publishAll(List<BudgetEvent> events) {
        publish(events.stream().map(EVENTS::record).toArray(RecordedEvent[]::new));
    }

    private void publish(RecordedEvent... events) {
        for (RecordedEvent e : events) {
            producer.send(new ProducerRecord<>(Topics.BUDGET_EVENTS, e.aggregateId(), EVENTS.encode(e)));
        }
        producer.flush();
    }

    private void waitForPosition(long position) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                json.readTree(http.getForObject("/api/v1/position", String.class)).get("position").asLong() >= position);
    }

    private JsonNode evaluate(String department, String rubric) {
        Map<String, Object> body = rubric == null ? Map.of("department", department, "fiscalYear", 2021)
                : Map.of("department", department, "fiscalYear", 2021, "rubric", rubric);
        ResponseEntity<String> response = post(body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getHeaders().getLocation()).isNotNull();
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<String> post(Map<String, Object> body) {
        return http.postForEntity("/api/v1/evaluations", new HttpEntity<>(body, jsonHeaders()), String.class);
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    /**
     * An uploaded rubric is stored: another replica (here a second registry on the same database, as a
     * restarted or a neighbouring pod has) finds it, and scores with it; the same id and version with
     * other rules is refused wherever it is sent.
     */
    @Test
    void anUploadedRubricIsSharedByEveryReplicaAndSurvivesARestart(
            @Autowired io.budgetmonitor.scoring.rubric.UploadedRubrics uploads) throws Exception {
        String id = "uploaded-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String bundled;
        try (java.io.InputStream in = getClass().getResourceAsStream("/rubrics/baiyun-2022.yaml")) {
            bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String yaml = bundled.replace("id: baiyun-2022", "id: " + id);

        ResponseEntity<String> uploaded = http.postForEntity("/api/v1/rubrics", new HttpEntity<>(yaml, yamlHeaders()), String.class);
        ResponseEntity<String> again = http.postForEntity("/api/v1/rubrics", new HttpEntity<>(yaml, yamlHeaders()), String.class);
        ResponseEntity<String> otherRules = http.postForEntity("/api/v1/rubrics",
                new HttpEntity<>(yaml.replace("evaluation rubric", "evaluation rubric, revised"), yamlHeaders()), String.class);

        assertThat(uploaded.getStatusCode()).as(uploaded.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(otherRules.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(otherRules.getBody()).contains("already exists with other rules");
        assertThat(count("select count(*) from uploaded_rubric where rubric_id = ?", id)).isEqualTo(1);

        var anotherReplica = new io.budgetmonitor.scoring.rubric.RubricRegistry("", "baiyun-2022", uploads);
        assertThat(anotherReplica.find(id)).isPresent();
        assertThat(anotherReplica.find(id).get().maxPoints()).isEqualByComparingTo("100");
        assertThat(anotherReplica.all()).extracting(io.budgetmonitor.scoring.rubric.Rubric::id).contains(id, "baiyun-2022");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> anotherReplica.upload(
                        yaml.replace("evaluation rubric", "evaluation rubric, revised").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(io.budgetmonitor.scoring.rubric.InvalidRubricException.class);
    }

    private static HttpHeaders yamlHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        return headers;
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private static JsonNode indicator(JsonNode snapshot, String code) {
        for (JsonNode i : snapshot.get("indicators")) {
            if (i.get("code").asText().equals(code)) {
                return i;
            }
        }
        throw new AssertionError("no indicator " + code);
    }

    private static BigDecimal points(JsonNode snapshot, String code) {
        return indicator(snapshot, code).get("points").decimalValue();
    }

    private static String value(JsonNode snapshot, String code) {
        return indicator(snapshot, code).get("value").asText();
    }

    private static String executed(JsonNode snapshot) {
        return indicator(snapshot, "A1.1").get("inputs").get("executed").asText();
    }

    private static String show(BigDecimal points) {
        BigDecimal s = points.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
