package io.budgetmonitor.query.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.AlertTransitioned;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A re-evaluation at a past date is a what-if: it answers what it would raise or resolve, and the
 * alerts, their transitions, the score baseline and {@code budget.alerts.v1} stay as they were.
 */
class WhatIfEvaluationTest extends IntegrationTest {
    static final String DEPARTMENT = "WHATIF";

    @Test
    void aWhatIfAtAPastDateAnswersWhatWouldChangeAndWritesNothing() {
        clock.setDate(LocalDate.of(2021, 6, 30));
        publish(scenario().behindSchedule(DEPARTMENT));
        await().atMost(Duration.ofSeconds(60)).until(() -> alertIds().size() == 3 && unpublished() == 0);
        List<Long> alertIds = alertIds();

        try (KafkaConsumer<String, byte[]> topic = alertsTopic()) {
            Map<TopicPartition, Long> topicEnd = topic.endOffsets(topic.assignment());
            List<Map<String, Object>> alerts = rows("select * from alert where department = ? order by id");
            List<Map<String, Object>> transitions =
                    rows("select * from alert_transition where department = ? order by id");
            List<Map<String, Object>> baseline = rows("select * from score_projection where department = ?");

            // on 31 March the department was on schedule: its three alerts would be resolved
            JsonNode one = evaluate("?department=" + DEPARTMENT + "&year=2021&date=2021-03-31");
            assertThat(one.get("whatIf").asBoolean()).isTrue();
            assertThat(one.has("transitions")).isFalse();
            assertThat(one.get("foreseen")).hasSize(3).allSatisfy(t -> {
                assertThat(t.get("transition").asText()).isEqualTo("RESOLVED");
                assertThat(t.get("department").asText()).isEqualTo(DEPARTMENT);
                assertThat(t.has("id")).isFalse();
            });
            assertThat(one.get("foreseen"))
                    .extracting(t -> t.get("alertId").asLong())
                    .containsExactlyInAnyOrderElementsOf(alertIds);

            // every department-year at once, and a date in the future: what-ifs too
            JsonNode all = evaluate("?date=2021-03-31");
            assertThat(all.get("whatIf").asBoolean()).isTrue();
            assertThat(all.get("foreseen"))
                    .filteredOn(t -> t.get("department").asText().equals(DEPARTMENT))
                    .hasSize(3);
            assertThat(evaluate("?department=" + DEPARTMENT + "&year=2021&date=2021-12-31")
                            .get("whatIf")
                            .asBoolean())
                    .isTrue();

            assertThat(rows("select * from alert where department = ? order by id"))
                    .isEqualTo(alerts);
            assertThat(rows("select * from alert_transition where department = ? order by id"))
                    .isEqualTo(transitions);
            assertThat(rows("select * from score_projection where department = ?"))
                    .isEqualTo(baseline);

            // a real transition afterwards, published in transition-id order behind anything the
            // what-ifs could have published: once it is on the topic, nothing else of ours came before
            long acknowledged = alertIds.get(0);
            assertThat(Http.as("budget-office")
                            .post(baseUrl() + "/api/v1/alerts/" + acknowledged + "/acknowledgement", "{}")
                            .status())
                    .isEqualTo(200);
            topicEnd.forEach(topic::seek);
            List<AlertTransitioned> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : topic.poll(Duration.ofMillis(200))) {
                    if (Topics.departmentYearKey(DEPARTMENT, 2021).equals(r.key())) {
                        published.add(BudgetJson.mapper().readValue(r.value(), AlertTransitioned.class));
                    }
                }
                return !published.isEmpty()
                        && published.get(published.size() - 1).alertId() == acknowledged;
            });
            assertThat(published)
                    .singleElement()
                    .satisfies(p -> assertThat(p.transition()).isEqualTo("ACKNOWLEDGED"));
        }
    }

    private JsonNode evaluate(String query) {
        Http.Response response = Http.as("admin").post(baseUrl() + "/api/v1/admin/evaluations" + query, null);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private List<Long> alertIds() {
        return jdbc.queryForList("select id from alert where department = ? order by id", Long.class, DEPARTMENT);
    }

    private int unpublished() {
        return jdbc.queryForObject(
                "select count(*) from outbox where topic = 'budget.alerts.v1' and message_key like ? and sent_at is null",
                Integer.class,
                DEPARTMENT + ":%");
    }

    private List<Map<String, Object>> rows(String sql) {
        return jdbc.queryForList(sql, DEPARTMENT);
    }

    private static KafkaConsumer<String, byte[]> alertsTopic() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        consumer.assign(consumer.partitionsFor(Topics.BUDGET_ALERTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList());
        return consumer;
    }
}
