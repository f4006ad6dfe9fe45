package io.budgetmonitor.query.evaluations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budgetmonitor.api.wire.EvaluationTopic;
import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.query.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code ProjectedScoreChanged} on {@code budget.evaluations.v1}, as scoring-service writes it (JSON,
 * header {@code ce_type}), lands in {@code projected_score}: the latest by computedAt per department-year.
 * The topic has one partition here, so a later message being stored means every earlier one was handled.
 */
class ProjectedScoreConsumerTest extends IntegrationTest {

    @Test
    void theLatestProjectionIsKeptAndADuplicateOrAnOlderOneChangesNothing() throws Exception {
        String newer = projection("PJ-Q", "81.25", "良", "2021-06-30T10:00:00Z");
        send("PJ-Q:2021", newer);
        awaitStored("PJ-Q", "2021-06-30T10:00:00Z");
        Map<String, Object> first = row("PJ-Q");

        send("PJ-Q:2021", newer); // redelivered
        send("PJ-Q:2021", projection("PJ-Q", "50.00", "差", "2021-06-29T10:00:00Z")); // computed earlier, arriving late
        send("PJ-R:2021", projection("PJ-R", "70.00", "中", "2021-06-30T11:00:00Z"));
        awaitStored("PJ-R", "2021-06-30T11:00:00Z");

        assertThat(row("PJ-Q")).isEqualTo(first);
        assertThat((java.math.BigDecimal) first.get("total")).isEqualByComparingTo("81.25");
        assertThat(first)
                .containsEntry("grade", "良")
                .containsEntry("rubric", "baiyun-2022@1")
                .containsEntry("as_of", java.sql.Date.valueOf("2021-06-30"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from dead_letter where record_key in ('PJ-Q:2021', 'PJ-R:2021')",
                        Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from evaluation where department in ('PJ-Q', 'PJ-R')", Integer.class))
                .as("a projection is no evaluation snapshot")
                .isZero();
    }

    @Test
    void aLaterProjectionReplacesTheStoredOneAndAnUnknownTypeIsParked() throws Exception {
        send("PJ-S:2021", projection("PJ-S", "60.00", "中", "2021-06-30T10:00:00Z"));
        send("PJ-S:2021", projection("PJ-S", "85.00", "良", "2021-07-01T10:00:00Z"));
        ProducerRecord<String, byte[]> unknown = new ProducerRecord<>(
                Topics.BUDGET_EVALUATIONS,
                "PJ-T:2021",
                projection("PJ-T", "1.00", "差", "2021-07-01T10:00:00Z").getBytes(StandardCharsets.UTF_8));
        unknown.headers()
                .add(EvaluationTopic.TYPE_HEADER, EvaluationTopic.typeHeader("io.budgetmonitor.SomethingElse.v1"));
        rawProducer().send(unknown).get();
        send("PJ-U:2021", projection("PJ-U", "70.00", "中", "2021-07-01T10:00:00Z"));
        awaitStored("PJ-U", "2021-07-01T10:00:00Z");

        assertThat((java.math.BigDecimal) row("PJ-S").get("total")).isEqualByComparingTo("85.00");
        assertThat(jdbc.queryForObject("select count(*) from projected_score where department = 'PJ-T'", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from dead_letter where record_key = 'PJ-T:2021'", Integer.class))
                .isEqualTo(1);
    }

    private Map<String, Object> row(String department) {
        return jdbc.queryForMap(
                "select total, grade, as_of, rubric, computed_at, received_at from projected_score "
                        + "where department = ? and fiscal_year = 2021",
                department);
    }

    private void awaitStored(String department, String computedAt) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from projected_score "
                                        + "where department = ? and computed_at = ?::timestamptz",
                                Integer.class,
                                department,
                                computedAt)
                        == 1);
    }

    /** As scoring-service's ProjectionAnnouncer writes one (through the outbox). */
    static String projection(String department, String total, String grade, String computedAt) {
        return "{\"department\":\"" + department + "\",\"fiscalYear\":2021,\"asOf\":\"2021-06-30\",\"total\":" + total
                + ",\"grade\":\"" + grade + "\",\"rubric\":\"baiyun-2022@1\",\"position\":42,\"computedAt\":\""
                + computedAt + "\"}";
    }

    private static void send(String key, String json) throws Exception {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.BUDGET_EVALUATIONS, key, json.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EvaluationTopic.TYPE_HEADER, EvaluationTopic.typeHeader(ProjectedScoreChanged.TYPE));
        rawProducer().send(record).get();
    }
}
