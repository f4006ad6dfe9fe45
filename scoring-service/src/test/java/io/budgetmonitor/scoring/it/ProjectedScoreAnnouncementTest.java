package io.budgetmonitor.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.events.DisbursementRejected;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.EvaluationTopic;
import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * scoring-service announces a department-year's projected score on budget.evaluations.v1 when a
 * consumed batch changes it, read back from the topic itself: once per change, and nothing for
 * redeliveries or for applied events that leave the projection as it was. The topic has one
 * partition, and announcements are sent batch after batch from the consumer's thread, so a later
 * batch's announcement arriving means every earlier batch's is there too.
 */
class ProjectedScoreAnnouncementTest extends RunningScoringService {

    private static KafkaConsumer<String, String> evaluationsTopic;
    private static final List<ConsumerRecord<String, String>> read = new ArrayList<>();

    @BeforeAll
    static void readTheTopicFromNowOn() {
        evaluationsTopic = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.get().kafkaBootstrapServers()),
                new StringDeserializer(),
                new StringDeserializer());
        TopicPartition partition = new TopicPartition(Topics.BUDGET_EVALUATIONS, 0);
        evaluationsTopic.assign(List.of(partition));
        evaluationsTopic.seekToEnd(List.of(partition));
        evaluationsTopic.position(partition); // resolved now, so what is published from here on is read
    }

    @AfterAll
    static void close() {
        evaluationsTopic.close();
    }

    @Test
    void aBatchThatChangesTheProjectionAnnouncesItOnceAndRedeliveriesAnnounceNothing() throws Exception {
        String d = "PJ-A";
        String key = d + ":2021";
        RecordedEvent opened = EVENTS.record(opened(d));
        RecordedEvent allocated = EVENTS.record(line(d, "L1", "10000.00"));
        RecordedEvent first = EVENTS.record(paid(d, "L1", "V1", "2500.00", "2021-03-10"));
        publish(opened, allocated, first);
        waitForPosition(first.position());
        java.math.BigDecimal expected = projected(d).get("projectedTotal").decimalValue();
        ProjectedScoreChanged before = awaitAnnounced(key, c -> c.total().compareTo(expected) == 0);

        int announcedBefore = announcements(key).size();
        RecordedEvent second = EVENTS.record(paid(d, "L1", "V2", "4000.00", "2021-09-10"));
        publish(second);
        waitForPosition(second.position());
        JsonNode endpoint = projected(d);
        ProjectedScoreChanged after = awaitAnnounced(key, c -> c.position() >= second.position());

        assertThat(announcements(key)).hasSize(announcedBefore + 1);
        assertThat(after.total())
                .isEqualByComparingTo(endpoint.get("projectedTotal").decimalValue())
                .isNotEqualByComparingTo(before.total());
        assertThat(after.grade()).isEqualTo(endpoint.get("projectedGrade").asText());
        assertThat(after.department()).isEqualTo(d);
        assertThat(after.fiscalYear()).isEqualTo(2021);
        assertThat(after.asOf()).isEqualTo(LocalDate.parse(endpoint.get("asOf").asText()));
        assertThat(after.rubric()).isEqualTo("baiyun-2022@1");
        assertThat(after.computedAt()).isAfter(before.computedAt());
        assertThat(jdbc.queryForObject(
                        "SELECT total FROM projected_announcement WHERE department = ? AND fiscal_year = 2021",
                        java.math.BigDecimal.class,
                        d))
                .isEqualByComparingTo(after.total());

        // every event again (a redelivery), and an applied event that changes no scoring input
        RecordedEvent rejected = EVENTS.record(new DisbursementRejected(
                d,
                2021,
                "L1",
                "V3",
                Money.of("99999.00"),
                Money.of("3500.00"),
                "收款人",
                "用途",
                false,
                "余额不足",
                LocalDate.of(2021, 10, 1)));
        publish(opened, allocated, first, second, rejected, first);
        waitForPosition(rejected.position());
        // a later department's first announcement: everything consumed before it was announced before it
        String marker = "PJ-M";
        publish(EVENTS.record(opened(marker)), EVENTS.record(line(marker, "L1", "100.00")));
        awaitAnnounced(marker + ":2021", c -> true);

        assertThat(announcements(key)).hasSize(announcedBefore + 1);
    }

    @Test
    void anAnnouncementSaysWhatItIsAndAnEvaluationSnapshotToo() throws Exception {
        String d = "PJ-B";
        applySmallYear(d, "baiyun-2022");
        awaitAnnounced(
                d + ":2021", c -> c.total().compareTo(new java.math.BigDecimal("43.12")) == 0 && "差".equals(c.grade()));
        evaluate(as("evaluator"), d, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return read.stream()
                    .anyMatch(r -> r.key().equals(d + ":2021")
                            && EvaluationTopic.typeOf(r.headers())
                                    .equals(io.budgetmonitor.api.wire.EvaluationTaken.TYPE));
        });
    }

    private JsonNode projected(String department) throws Exception {
        return json.readTree(as("evaluator")
                .getForObject("/api/v1/departments/" + department + "/years/2021/projected-score", String.class));
    }

    /** Reads the topic until a projected-score announcement of {@code key} matching {@code wanted} arrives. */
    private ProjectedScoreChanged awaitAnnounced(String key, Predicate<ProjectedScoreChanged> wanted) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return announcements(key).stream().anyMatch(wanted);
        });
        return announcements(key).stream().filter(wanted).reduce((a, b) -> b).orElseThrow();
    }

    private static List<ProjectedScoreChanged> announcements(String key) {
        return read.stream()
                .filter(r -> r.key().equals(key))
                .filter(r -> EvaluationTopic.typeOf(r.headers()).equals(ProjectedScoreChanged.TYPE))
                .map(r -> {
                    try {
                        return BudgetJson.mapper().readValue(r.value(), ProjectedScoreChanged.class);
                    } catch (Exception e) {
                        throw new AssertionError("unreadable announcement " + r.value(), e);
                    }
                })
                .toList();
    }

    private static void poll() {
        evaluationsTopic.poll(Duration.ofMillis(200)).forEach(read::add);
    }
}
