package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.QuarterClosed;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.AlertTransitioned;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Alert lifecycle over the real broker and database: raise, no duplicates, acknowledge, resolve, publish. */
class AlertFlowTest extends IntegrationTest {

    private JsonNode alerts(String query) {
        Http.Response r = Http.get(baseUrl() + "/api/v1/alerts?" + query);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    @Test
    void raisedOnceAcknowledgedResolvedAndPublished() {
        clock.setDate(LocalDate.of(2021, 6, 30));
        ScenarioEvents s = scenario();
        publish(s.behindSchedule("ALR"));
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        alerts("department=ALR&rule=EXECUTION_BEHIND_SCHEDULE").size() == 3);
        JsonNode raised = alerts("department=ALR&rule=EXECUTION_BEHIND_SCHEDULE");
        for (JsonNode a : raised) {
            assertThat(a.get("status").asText()).isEqualTo("OPEN");
            assertThat(a.get("severity").asText()).isEqualTo("CRITICAL");
            assertThat(a.get("message").asText())
                    .contains("25.0% on 2021-06-30, time progress 50.0%, 25.0 points behind");
            assertThat(a.get("evidence")).isNotEmpty();
        }
        // the same facts evaluated again change nothing
        Http.Response again =
                Http.post(baseUrl() + "/api/v1/admin/evaluations?department=ALR&year=2021&date=2021-06-30", null);
        assertThat(again.body().get("whatIf").asBoolean())
                .as("today's date is no what-if")
                .isFalse();
        assertThat(again.body().get("transitions")).isEmpty();
        assertThat(alerts("department=ALR")).hasSize(3);

        long departmentAlert = 0;
        for (JsonNode a : raised) {
            if (a.get("subject").asText().equals("department")) {
                departmentAlert = a.get("id").asLong();
            }
        }
        Http.Response ack = Http.as("budget-office")
                .post(
                        baseUrl() + "/api/v1/alerts/" + departmentAlert + "/acknowledgement",
                        "{\"comment\":\"已督促加快支付进度\"}");
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.body().get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(ack.body().get("acknowledgedBy").asText()).isEqualTo("budget-office");

        clock.setDate(LocalDate.of(2021, 7, 1));
        RecordedEvent catchUp = s.record(new DisbursementRecorded(
                "ALR", 2021, "L1", "V2", Money.of("400.00"), "p", "x", false, LocalDate.of(2021, 6, 28)));
        publish(catchUp);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> alerts("department=ALR&status=RESOLVED").size() == 3);

        // what the monitor showed on each day
        JsonNode onJune30 = alerts("department=ALR&asOf=2021-06-30");
        assertThat(onJune30).hasSize(3);
        assertThat(onJune30)
                .anySatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("ACKNOWLEDGED"));
        assertThat(onJune30)
                .noneSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("RESOLVED"));
        assertThat(alerts("department=ALR&asOf=2021-07-01"))
                .allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("RESOLVED"));

        // every transition of the department alert went to budget.alerts.v1 as budget-api's AlertTransitioned,
        // keyed by department-year, once each (a reader deduplicates by ce_id; the outbox sends each row once here)
        List<AlertTransitioned> published = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "alerts-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(Topics.BUDGET_ALERTS));
            long alertId = departmentAlert;
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!Topics.departmentYearKey("ALR", 2021).equals(r.key())) {
                        continue;
                    }
                    AlertTransitioned t = BudgetJson.mapper().readValue(r.value(), AlertTransitioned.class);
                    if (t.alertId() == alertId) {
                        published.add(t);
                        types.add(new String(r.headers().lastHeader("ce_type").value()));
                        ids.add(new String(r.headers().lastHeader("ce_id").value()));
                    }
                }
                return published.size() >= 3;
            });
        }
        assertThat(published)
                .extracting(AlertTransitioned::transition)
                .containsExactly("OPENED", "ACKNOWLEDGED", "RESOLVED");
        assertThat(types).containsOnly(AlertTransitioned.TYPE);
        assertThat(ids)
                .containsExactlyElementsOf(published.stream()
                        .map(t -> AlertTransitioned.cloudEventId(t.id()))
                        .toList());
        assertThat(published.get(1).actor()).isNotNull();
    }

    @Test
    void latePostingAndReconciliationMismatchUntilTheQuarterIsReclosed() {
        clock.setDate(LocalDate.of(2021, 4, 10));
        ScenarioEvents s = scenario();
        List<RecordedEvent> events = new ArrayList<>(List.of(
                s.record(
                        new FiscalYearOpened("LATE", 2021, "late", "baiyun-2022", List.of(), LocalDate.of(2021, 1, 1))),
                s.record(new BudgetAllocated(
                        "LATE",
                        2021,
                        "L1",
                        "L1",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PROJECT,
                        ThreePublicCategory.NONE,
                        true,
                        Money.of("1000.00"),
                        LocalDate.of(2021, 1, 1))),
                s.record(new DisbursementRecorded(
                        "LATE", 2021, "L1", "V1", Money.of("300.00"), "p", "x", false, LocalDate.of(2021, 3, 10))),
                s.record(new QuarterClosed(
                        "LATE",
                        2021,
                        1,
                        Map.of(FundSource.GENERAL_PUBLIC_BUDGET, Money.of("300.00")),
                        LocalDate.of(2021, 3, 31)))));
        RecordedEvent late = s.record(new DisbursementRecorded(
                "LATE", 2021, "L1", "V2", Money.of("50.00"), "p", "x", false, LocalDate.of(2021, 3, 30)));
        events.add(late);
        publish(events);
        awaitApplied(events);
        Http.post(baseUrl() + "/api/v1/admin/evaluations?department=LATE&year=2021&date=2021-04-10", null);
        JsonNode open = alerts("department=LATE&status=OPEN");
        assertThat(open).anySatisfy(a -> {
            assertThat(a.get("rule").asText()).isEqualTo("LATE_POSTING");
            assertThat(a.get("evidence").get(0).asText()).isEqualTo(late.eventId());
        });
        assertThat(open).anySatisfy(a -> assertThat(a.get("rule").asText()).isEqualTo("RECONCILIATION_MISMATCH"));

        RecordedEvent reclose = s.record(new QuarterClosed(
                "LATE",
                2021,
                1,
                Map.of(FundSource.GENERAL_PUBLIC_BUDGET, Money.of("350.00")),
                LocalDate.of(2021, 4, 9)));
        publish(reclose);
        awaitApplied(reclose);
        Http.post(baseUrl() + "/api/v1/admin/evaluations?department=LATE&year=2021&date=2021-04-10", null);
        assertThat(alerts("department=LATE&rule=LATE_POSTING")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("RESOLVED");
        assertThat(alerts("department=LATE&rule=RECONCILIATION_MISMATCH")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("RESOLVED");
    }
}
