package io.budgetmonitor.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The service end to end on a real PostgreSQL and a real Kafka broker (testkit): CloudEvents on
 * budget.events.v1 → inputs → snapshots over HTTP, as the demo evaluator (admin where the contract
 * asks for it: rubric uploads, Actuator).
 */
class ScoringServiceIntegrationTest extends RunningScoringService {

    private static KafkaProducer<String, byte[]> rawProducer;

    @BeforeAll
    static void openRawProducer() {
        rawProducer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.get().kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void closeRawProducer() {
        rawProducer.close();
    }

    private TestRestTemplate http;
    private TestRestTemplate admin;

    @BeforeEach
    void signIn() {
        http = as("evaluator");
        admin = as("admin");
    }

    @Test
    void aSmallYearIsScoredFromItsEvents() throws Exception {
        String d = "IT-A";
        publishAll(smallYear(d, "baiyun-2022"));
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
        assertThat(indicator(snapshot, "A6.5")
                        .get("deductions")
                        .get(0)
                        .get("reason")
                        .asText())
                .isEqualTo("自评材料迟报");

        JsonNode projected = json.readTree(http.getForObject(
                "/api/v1/departments/" + d + "/years/2021/projected-score?asOf=2021-06-30", String.class));
        assertThat(projected.get("projectedTotal").decimalValue()).isPositive();
        assertThat(projected.get("method").asText()).contains("run rate");
        assertThat(http.getForEntity("/api/v1/departments/" + d + "/years/2021/projected-score?asOf=June", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        String id = snapshot.get("id").asText();
        assertThat(json.readTree(http.getForObject("/api/v1/evaluations/" + id, String.class)))
                .isEqualTo(snapshot);
        JsonNode list = json.readTree(
                http.getForObject("/api/v1/evaluations?department=" + d + "&fiscalYear=2021", String.class));
        assertThat(list).hasSize(1);

        ResponseEntity<String> report = http.getForEntity("/api/v1/evaluations/" + id + "/report", String.class);
        assertThat(report.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/markdown")))
                .isTrue();
        assertThat(report.getBody()).contains("（一）自评结论综述").contains("得分43.12分");
        for (JsonNode indicator : snapshot.get("indicators")) {
            if (!indicator.get("parent").asText().matches("[AB]")
                    || indicator.get("code").asText().startsWith("B")) {
                assertThat(report.getBody())
                        .as(indicator.get("code").asText())
                        .contains(indicator.get("name").asText() + "（满分"
                                + show(indicator.get("max").decimalValue()) + "分，得分"
                                + show(indicator.get("points").decimalValue()) + "分）");
            }
        }
        assertThat(report.getBody()).contains("自评材料迟报");
        HttpHeaders accept = new HttpHeaders();
        accept.setAccept(List.of(MediaType.TEXT_HTML));
        ResponseEntity<String> html = http.exchange(
                "/api/v1/evaluations/" + id + "/report", HttpMethod.GET, new HttpEntity<>(accept), String.class);
        assertThat(html.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
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
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "SELECT count(*) FROM consumer_gap WHERE aggregate_id = ? AND resolved_at IS NULL",
                                third.aggregateId())
                        == 1);
        assertThat(count("SELECT count(*) FROM consumer_held_event WHERE aggregate_id = ?", third.aggregateId()))
                .isEqualTo(1);
        assertThat(executed(evaluate(d, null))).isEqualTo("100.00");

        publish(second, third, first); // the missing one, then redeliveries
        waitForPosition(third.position());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "SELECT count(*) FROM consumer_gap WHERE aggregate_id = ? AND resolved_at IS NULL",
                                third.aggregateId())
                        == 0);
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

        assertThat(json.readTree(http.getForObject("/api/v1/evaluations/" + id, String.class)))
                .isEqualTo(before);
        assertThat(executed(before)).isEqualTo("500.00");
        assertThat(executed(after)).isEqualTo("750.00");
        assertThat(points(after, "A1.1")).isEqualByComparingTo("1.50");

        JsonNode diff = json.readTree(http.getForObject(
                "/api/v1/evaluations/" + id + "/diff/" + after.get("id").asText(), String.class));
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
        assertThat(admin.exchange(
                                "/api/v1/evaluations/" + id,
                                HttpMethod.PUT,
                                new HttpEntity<>("{}", jsonHeaders()),
                                String.class)
                        .getStatusCode()
                        .is4xxClientError())
                .isTrue();
    }

    @Test
    void errorsAreProblemDetails() throws Exception {
        ResponseEntity<String> unknown = post(Map.of("department", "NOPE", "fiscalYear", 2021));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(json.readTree(unknown.getBody()).get("detail").asText())
                .contains("NOPE")
                .contains("2021");

        String d = "IT-E";
        RecordedEvent opened = EVENTS.record(opened(d));
        publish(opened);
        waitForPosition(opened.position());
        ResponseEntity<String> badRubric = post(Map.of("department", d, "fiscalYear", 2021, "rubric", "mars-2099"));
        assertThat(badRubric.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(badRubric.getBody()).contains("mars-2099");

        ResponseEntity<String> missing = post(Map.of("department", d));
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(missing.getBody())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asText())
                .isEqualTo("fiscalYear");
        assertThat(http.getForEntity("/api/v1/evaluations/not-a-uuid", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/api/v1/evaluations/00000000-0000-0000-0000-000000000000", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        JsonNode rubrics = json.readTree(http.getForObject("/api/v1/rubrics", String.class));
        assertThat(rubrics.get(0).get("id").asText()).isEqualTo("baiyun-2022");
        assertThat(rubrics.get(0).get("maxPoints").decimalValue()).isEqualByComparingTo("100");
        ResponseEntity<String> badUpload = admin.postForEntity(
                "/api/v1/rubrics", new HttpEntity<>("id: x\nversion: 1\n", yamlHeaders()), String.class);
        assertThat(badUpload.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(badUpload.getBody()).contains("name");
        assertThat(admin.getForEntity("/actuator/health", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(admin.getForObject("/actuator/prometheus", String.class)).contains("consumer_events_applied_total");
        assertThat(anonymous
                        .getForEntity("/actuator/health/readiness", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<String> apiDocs = anonymous.getForEntity("/v3/api-docs", String.class);
        assertThat(apiDocs.getStatusCode()).isEqualTo(HttpStatus.OK);
        // the caller is who signed in, never a parameter a client sends
        assertThat(apiDocs.getBody())
                .doesNotContain("\"caller\"")
                .doesNotContain("Caller")
                .doesNotContain("DepartmentScope");
    }

    private JsonNode evaluate(String department, String rubric) {
        return evaluate(http, department, rubric);
    }

    private ResponseEntity<String> post(Map<String, Object> body) {
        return post(http, body);
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

        ResponseEntity<String> uploaded =
                admin.postForEntity("/api/v1/rubrics", new HttpEntity<>(yaml, yamlHeaders()), String.class);
        ResponseEntity<String> again =
                admin.postForEntity("/api/v1/rubrics", new HttpEntity<>(yaml, yamlHeaders()), String.class);
        ResponseEntity<String> otherRules = admin.postForEntity(
                "/api/v1/rubrics",
                new HttpEntity<>(yaml.replace("evaluation rubric", "evaluation rubric, revised"), yamlHeaders()),
                String.class);

        assertThat(uploaded.getStatusCode()).as(uploaded.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(otherRules.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(otherRules.getBody()).contains("already exists with other rules");
        assertThat(count("select count(*) from uploaded_rubric where rubric_id = ?", id))
                .isEqualTo(1);

        var anotherReplica = new io.budgetmonitor.scoring.rubric.RubricRegistry("", "baiyun-2022", uploads);
        assertThat(anotherReplica.find(id)).isPresent();
        assertThat(anotherReplica.find(id).get().maxPoints()).isEqualByComparingTo("100");
        assertThat(anotherReplica.all())
                .extracting(io.budgetmonitor.scoring.rubric.Rubric::id)
                .contains(id, "baiyun-2022");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> anotherReplica.upload(
                        yaml.replace("evaluation rubric", "evaluation rubric, revised")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "admin"))
                .isInstanceOf(io.budgetmonitor.scoring.rubric.InvalidRubricException.class);
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
