package io.budgetmonitor.query.evaluations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.query.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code budget.evaluations.v1} as scoring-service writes it (the whole snapshot as JSON) lands in the
 * {@code evaluation} table once per snapshot, however often it is delivered; an unreadable message is
 * parked and the messages after it still arrive. The topic has one partition here, so a later message
 * being stored means every earlier one was handled.
 */
class EvaluationConsumerTest extends IntegrationTest {

    @Test
    void theSameSnapshotTwiceIsOneRow() throws Exception {
        UUID id = UUID.randomUUID();
        String snapshot = snapshot(id, "EV-A", "90.25", "优");
        send("EV-A:2021", snapshot);
        send("EV-A:2021", snapshot);
        UUID marker = UUID.randomUUID();
        send("EV-B:2021", snapshot(marker, "EV-B", "70.00", "中"));
        awaitStored(marker);

        assertThat(jdbc.queryForObject("select count(*) from evaluation where id = ?", Integer.class, id))
                .isEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap(
                "select department, fiscal_year, total, grade, taken_by from evaluation " + "where id = ?", id);
        assertThat(row)
                .containsEntry("department", "EV-A")
                .containsEntry("fiscal_year", 2021)
                .containsEntry("grade", "优")
                .containsEntry("taken_by", "evaluator");
        assertThat((java.math.BigDecimal) row.get("total")).isEqualByComparingTo("90.25");
    }

    @Test
    void anUnreadableMessageIsParkedAndTheTopicGoesOn() throws Exception {
        send("EV-C:2021", "{\"department\": \"EV-C\", \"total\": \"not a number\"");
        UUID after = UUID.randomUUID();
        send("EV-C:2021", snapshot(after, "EV-C", "60.00", "中"));
        awaitStored(after);
        assertThat(jdbc.queryForObject(
                        "select count(*) from dead_letter where topic = ? and record_key = 'EV-C:2021'",
                        Integer.class,
                        Topics.BUDGET_EVALUATIONS))
                .isEqualTo(1);
    }

    private void awaitStored(UUID id) {
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        jdbc.queryForObject("select count(*) from evaluation where id = ?", Integer.class, id) == 1);
    }

    private static String snapshot(UUID id, String department, String total, String grade) {
        return "{\"id\":\"" + id + "\",\"department\":\"" + department
                + "\",\"fiscalYear\":2021,\"departmentName\":\"x\","
                + "\"rubric\":{\"id\":\"baiyun-2022\",\"version\":1},\"rubricName\":\"r\",\"position\":7,"
                + "\"createdAt\":\"2021-12-31T08:00:00Z\",\"takenBy\":\"evaluator\",\"total\":" + total
                + ",\"max\":100,\"grade\":\"" + grade
                + "\",\"parts\":{},\"tasks\":[],\"indicators\":[],\"assumptions\":[]}";
    }

    private static void send(String key, String json) throws Exception {
        rawProducer()
                .send(new ProducerRecord<>(Topics.BUDGET_EVALUATIONS, key, json.getBytes(StandardCharsets.UTF_8)))
                .get();
    }
}
