package io.budgetmonitor.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.AlertTransitioned;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.scoring.report.ReportController;
import io.budgetmonitor.testkit.TestInfrastructure;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * 年内预警 in the self-evaluation report (issue 14, part 6): query-service's alert transitions arrive on
 * {@code budget.alerts.v1} as budget-api's {@link AlertTransitioned} CloudEvents, exactly as its outbox
 * writes them; scoring keeps the alerts of the department-year, and the draft of 三 and 四 cites them in
 * every format. A redelivered transition (same CloudEvents id) and an unreadable record change nothing.
 */
class YearAlertsReportTest extends RunningScoringService {

    static final String D = "ALR-SY";

    static final String PROBLEM = "年内共触发预警4次，其中严重1次、警告2次、提示1次；按监控规则分：执行进度滞后2次、绩效指标实现风险1次、项目额度即将用尽1次；"
            + "解除后再次触发1次。年末仍未解除、随年度结账关闭的预警2条：执行进度滞后（部门整体，严重）、执行进度滞后（一般公共预算，警告）。";
    static final String MEASURE = "强化预算执行监控预警处置。针对年内触发的4次预警（主要为执行进度滞后、绩效指标实现风险、项目额度即将用尽），逐条分析原因，明确责任人和整改时限；"
            + "对年末仍未解除的2条预警（执行进度滞后（部门整体，严重）、执行进度滞后（一般公共预算，警告））在下一年度预算编制和执行中重点跟踪，做到预警早发现、早处置。";

    /** The year's transitions, in the order query-service committed them. */
    static List<AlertTransitioned> year(String d) {
        return List.of(
                t(7_001, 901, "EXECUTION_BEHIND_SCHEDULE", "department", d, "OPENED", "OPEN", "WARNING", "2021-05-01"),
                t(7_002, 902, "LINE_NEARLY_EXHAUSTED", "line:L1", d, "OPENED", "OPEN", "INFO", "2021-03-01"),
                t(7_003, 902, "LINE_NEARLY_EXHAUSTED", "line:L1", d, "RESOLVED", "RESOLVED", "INFO", "2021-03-15"),
                t(
                        7_004,
                        904,
                        "EXECUTION_BEHIND_SCHEDULE",
                        "fund-source:GENERAL_PUBLIC_BUDGET",
                        d,
                        "OPENED",
                        "OPEN",
                        "WARNING",
                        "2021-05-01"),
                t(7_005, 902, "LINE_NEARLY_EXHAUSTED", "line:L1", d, "REOPENED", "OPEN", "INFO", "2021-04-01"),
                t(7_006, 902, "LINE_NEARLY_EXHAUSTED", "line:L1", d, "RESOLVED", "RESOLVED", "INFO", "2021-04-20"),
                t(
                        7_007,
                        901,
                        "EXECUTION_BEHIND_SCHEDULE",
                        "department",
                        d,
                        "ESCALATED",
                        "ESCALATED",
                        "CRITICAL",
                        "2021-06-30"),
                t(7_008, 903, "KPI_AT_RISK", "kpi:B1.1", d, "OPENED", "OPEN", "WARNING", "2021-07-15"),
                t(7_009, 903, "KPI_AT_RISK", "kpi:B1.1", d, "DEESCALATED", "OPEN", "INFO", "2021-09-01"),
                t(7_010, 903, "KPI_AT_RISK", "kpi:B1.1", d, "RESOLVED", "RESOLVED", "INFO", "2021-10-01"),
                t(
                        7_011,
                        901,
                        "EXECUTION_BEHIND_SCHEDULE",
                        "department",
                        d,
                        "CLOSED_WITH_YEAR",
                        "RESOLVED",
                        "CRITICAL",
                        "2022-01-10"),
                t(
                        7_012,
                        904,
                        "EXECUTION_BEHIND_SCHEDULE",
                        "fund-source:GENERAL_PUBLIC_BUDGET",
                        d,
                        "CLOSED_WITH_YEAR",
                        "RESOLVED",
                        "WARNING",
                        "2022-01-10"));
    }

    @Test
    void theDraftCitesTheYearsAlertsInEveryFormatAndARedeliveryChangesNothing() throws Exception {
        applySmallYear(D, null);
        String id = evaluate(as("evaluator"), D, null).get("id").asText();
        assertThat(narrative(id).get("problems").asText()).doesNotContain("预警");

        List<AlertTransitioned> year = year(D);
        year.forEach(this::send);
        awaitReceived(D, year.size());

        JsonNode drafted = narrative(id);
        String problems = drafted.get("problems").asText();
        String measures = drafted.get("measures").asText();
        List<String> problemLines = problems.lines().toList();
        List<String> measureLines = measures.lines().toList();
        // the small year's findings first, then the alerts as the last item of 三 and of 四
        assertThat(problemLines).hasSizeGreaterThan(1);
        assertThat(problemLines.get(problemLines.size() - 1)).endsWith(PROBLEM).startsWith("（");
        assertThat(measureLines.get(measureLines.size() - 1)).endsWith(MEASURE);
        assertThat(jdbc.queryForList(
                        "SELECT alert_id, worst_severity, closed_by, reopened FROM year_alert"
                                + " WHERE department = ? ORDER BY alert_id",
                        D))
                .extracting(r -> r.get("alert_id") + " " + r.get("worst_severity") + " " + r.get("closed_by") + " "
                        + r.get("reopened"))
                .containsExactly(
                        "901 CRITICAL CLOSED_WITH_YEAR 0",
                        "902 INFO RESOLVED 1",
                        "903 WARNING RESOLVED 0",
                        "904 WARNING CLOSED_WITH_YEAR 0");

        // Markdown and the Word document print the same draft
        assertThat(as("viewer").getForObject("/api/v1/evaluations/" + id + "/report", String.class))
                .contains(PROBLEM)
                .contains(MEASURE);
        HttpHeaders accept = new HttpHeaders();
        accept.setAccept(List.of(MediaType.parseMediaType(ReportController.DOCX_VALUE)));
        byte[] docx = as("viewer")
                .exchange(
                        "/api/v1/evaluations/" + id + "/report", HttpMethod.GET, new HttpEntity<>(accept), byte[].class)
                .getBody();
        // kept for a look with LibreOffice
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/reports"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/reports/year-alerts-report.docx"), docx);
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<String> paragraphs =
                    document.getParagraphs().stream().map(p -> p.getText()).toList();
            int three = paragraphs.indexOf("三、存在的主要问题");
            int four = paragraphs.indexOf("四、下一步改进措施");
            assertThat(three).isPositive();
            assertThat(four).isGreaterThan(three);
            assertThat(paragraphs.get(four - 1)).endsWith(PROBLEM);
            assertThat(paragraphs.subList(four + 1, paragraphs.size())).anyMatch(p -> p.endsWith(MEASURE));
        }

        // redelivery: the escalation and the reopening again (same CloudEvents ids), and a record nobody can read;
        // a later transition of another department shows they were all consumed
        List<Map<String, Object>> alertsBefore =
                jdbc.queryForList("SELECT * FROM year_alert WHERE department = ? ORDER BY alert_id", D);
        send(year.get(6));
        send(year.get(4));
        try (KafkaProducer<String, byte[]> raw = rawProducer()) {
            // acknowledged before the next send, so it lies between the redeliveries and the later transition
            raw.send(new ProducerRecord<>(
                            Topics.BUDGET_ALERTS,
                            Topics.departmentYearKey(D, 2021),
                            "{not a cloud event".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        send(t(7_100, 990, "RECLAIM_RISK", "department", "ALR-OTHER", "OPENED", "OPEN", "WARNING", "2021-11-01"));
        awaitReceived("ALR-OTHER", 1);

        assertThat(count("SELECT count(*) FROM alert_transition_received WHERE department = ?", D))
                .isEqualTo(year.size());
        assertThat(jdbc.queryForList("SELECT * FROM year_alert WHERE department = ? ORDER BY alert_id", D))
                .isEqualTo(alertsBefore);
        assertThat(narrative(id)).isEqualTo(drafted);
        // the unreadable record is kept, with its bytes and why it could not be read
        List<Map<String, Object>> parked = jdbc.queryForList(
                "SELECT record_key, payload, error FROM alert_transition_parked WHERE record_key = ?",
                Topics.departmentYearKey(D, 2021));
        assertThat(parked).hasSize(1);
        assertThat(new String((byte[]) parked.get(0).get("payload"), StandardCharsets.UTF_8))
                .isEqualTo("{not a cloud event");
        assertThat((String) parked.get(0).get("error")).isNotBlank();
    }

    // ---- the alerts topic, as query-service's outbox writes it (binary CloudEvents, key department:year)

    private void send(AlertTransitioned t) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(AlertTransitioned.cloudEventId(t.id()))
                .withType(AlertTransitioned.TYPE)
                .withSource(URI.create("urn:budget-monitor:query-service"))
                .withSubject(Long.toString(t.alertId()))
                .withTime(t.at().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json(t))
                .build();
        producer.send(
                new ProducerRecord<>(Topics.BUDGET_ALERTS, Topics.departmentYearKey(t.department(), 2021), event));
        producer.flush();
    }

    private void awaitReceived(String department, int transitions) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM alert_transition_received WHERE department = ?", department)
                        >= transitions);
    }

    private JsonNode narrative(String id) {
        return read(as("auditor").getForObject("/api/v1/evaluations/" + id + "/report/narrative", String.class));
    }

    private static AlertTransitioned t(
            long id,
            long alert,
            String rule,
            String subject,
            String department,
            String transition,
            String status,
            String severity,
            String on) {
        return new AlertTransitioned(
                id,
                alert,
                rule,
                subject,
                department,
                2021,
                transition,
                status,
                severity,
                rule + " " + subject + " " + transition,
                List.of(),
                null,
                null,
                Instant.parse(on + "T02:00:00Z"));
    }

    private static byte[] json(AlertTransitioned t) {
        try {
            return BudgetJson.mapper().writeValueAsBytes(t);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.get().kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }
}
