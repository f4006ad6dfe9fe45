package io.budgetmonitor.query.consumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** Exactly-once effect over at-least-once delivery, on the real broker and database. */
class ConsumptionTest extends IntegrationTest {

    private static RecordedEvent allocate(ScenarioEvents s, String dept, String line, String amount) {
        return s.record(new BudgetAllocated(
                dept,
                2021,
                line,
                "line " + line,
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PROJECT,
                ThreePublicCategory.NONE,
                true,
                Money.of(amount),
                LocalDate.of(2021, 1, 1)));
    }

    private static RecordedEvent pay(
            ScenarioEvents s, String dept, String line, String voucher, String amount, String on) {
        return s.record(new DisbursementRecorded(
                dept, 2021, line, voucher, Money.of(amount), "payee", "purpose", false, LocalDate.parse(on)));
    }

    private JsonNode execution(String dept) {
        Http.Response r = Http.get(baseUrl() + "/api/v1/departments/" + dept + "/years/2021/execution");
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    @Test
    void shijingScenarioShowsTheSeedFigures() {
        List<RecordedEvent> events =
                ScenarioEvents.fromFile(Path.of("../infra/demo/shijing-2021.ndjson"), "SJ-IT", scenarioStart());
        publish(events);
        awaitApplied(events);
        JsonNode report = execution("SJ-IT");
        assertThat(report.get("budget").asText()).isEqualTo("160610200.00");
        assertThat(report.get("executed").asText()).isEqualTo("150426500.00");
        assertThat(report.get("executionRate").asText()).isEqualTo("0.9366");
        assertThat(report.get("basic").get("executionRate").asText()).isEqualTo("0.8640");
        assertThat(report.get("averageQuarterlyRate").asText()).isEqualTo("0.9795");
        assertThat(report.get("quarters")).hasSize(4);
        Http.Response position = Http.get(baseUrl() + "/api/v1/position");
        assertThat(position.body().get("position").asLong())
                .isGreaterThanOrEqualTo(events.get(events.size() - 1).position());
    }

    private static long scenarioStart() {
        return scenario().nextPosition();
    }

    @Test
    void duplicateAndOutOfOrderRedeliveryChangeNothing() {
        ScenarioEvents s = scenario();
        RecordedEvent open =
                s.record(new FiscalYearOpened("DUP", 2021, "dup", "baiyun-2022", List.of(), LocalDate.of(2021, 1, 1)));
        RecordedEvent a = allocate(s, "DUP", "L1", "1000.00");
        RecordedEvent p1 = pay(s, "DUP", "L1", "V1", "100.00", "2021-02-01");
        RecordedEvent p2 = pay(s, "DUP", "L1", "V2", "50.00", "2021-05-01");
        publish(open, a, p1, p2);
        awaitApplied(open, a, p1, p2);
        JsonNode before = execution("DUP");
        assertThat(before.get("executed").asText()).isEqualTo("150.00");

        RecordedEvent marker = pay(s, "DUP", "L1", "V3", "1.00", "2021-05-02");
        publish(p2, p1, a, p1, marker); // duplicate, out of order, then a new event behind them
        awaitApplied(marker);
        JsonNode after = execution("DUP");
        assertThat(after.get("executed").asText()).isEqualTo("151.00");
        assertThat(jdbc.queryForObject("select count(*) from event_log where department = 'DUP'", Integer.class))
                .isEqualTo(5);
        assertThat(jdbc.queryForObject(
                        "select last_sequence from consumer_sequence where aggregate_id = 'DUP:2021:L1'", Long.class))
                .isEqualTo(3L);
    }

    @Test
    void gapIsHeldAndReportedThenFilled() {
        ScenarioEvents s = scenario();
        RecordedEvent a = allocate(s, "GAP", "L1", "1000.00");
        RecordedEvent p1 = pay(s, "GAP", "L1", "V1", "100.00", "2021-02-01");
        RecordedEvent p2 = pay(s, "GAP", "L1", "V2", "200.00", "2021-03-01");
        publish(a, p2);
        awaitApplied(a);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from consumer_gap where aggregate_id = 'GAP:2021:L1' and resolved_at is null",
                                Integer.class)
                        == 1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from consumer_held_event where event_id = ?", Integer.class, p2.eventId()))
                .isEqualTo(1);
        assertThat(execution("GAP").get("executed").asText()).isEqualTo("0.00");

        publish(p1);
        awaitApplied(p1, p2);
        assertThat(execution("GAP").get("executed").asText()).isEqualTo("300.00");
        assertThat(jdbc.queryForObject(
                        "select count(*) from consumer_gap where aggregate_id = 'GAP:2021:L1' and resolved_at is null",
                        Integer.class))
                .isZero();
    }

    @Test
    void poisonEventsAreParkedWhileLaterEventsApply() {
        ScenarioEvents s = scenario();
        RecordedEvent a = allocate(s, "PSN", "L1", "1000.00");
        // a handler exception: a year with three quarterly targets cannot be projected
        RecordedEvent badOpen = s.record(new FiscalYearOpened(
                "PSN",
                2021,
                "psn",
                "baiyun-2022",
                List.of(new java.math.BigDecimal("0.3"), new java.math.BigDecimal("0.6"), java.math.BigDecimal.ONE),
                LocalDate.of(2021, 1, 1)));
        publish(a, badOpen);
        // an unreadable record: an unknown CloudEvent type
        ProducerRecord<String, byte[]> garbage =
                new ProducerRecord<>(Topics.BUDGET_EVENTS, "PSN:2021:L1", "{not json".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes()));
        garbage.headers().add(new RecordHeader("ce_id", "garbage-1".getBytes()));
        garbage.headers().add(new RecordHeader("ce_source", "urn:test".getBytes()));
        garbage.headers().add(new RecordHeader("ce_type", "io.budgetmonitor.NoSuchEvent.v1".getBytes()));
        garbage.headers().add(new RecordHeader("content-type", "application/json".getBytes()));
        rawProducer().send(garbage);
        rawProducer().flush();
        RecordedEvent later = pay(s, "PSN", "L1", "V1", "10.00", "2021-02-01");
        publish(later);
        awaitApplied(a, later);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from dead_letter where event_id in (?, 'garbage-1')",
                                Integer.class,
                                badOpen.eventId())
                        == 2);
        assertThat(jdbc.queryForObject(
                        "select error from dead_letter where event_id = ?", String.class, badOpen.eventId()))
                .contains("four quarterly targets");
        assertThat(execution("PSN").get("executed").asText()).isEqualTo("10.00");
    }

    @Test
    void errorsAreProblemJson() {
        Http.Response unknown = Http.get(baseUrl() + "/api/v1/departments/NOPE/years/2021/execution");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).contains("application/problem+json");
        Http.Response badDate = Http.get(baseUrl() + "/api/v1/departments/DUP/years/2021/execution?asOf=2021-13-45");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body().get("errors").get(0).get("field").asText()).isEqualTo("asOf");
        Http.Response future =
                Http.get(baseUrl() + "/api/v1/departments/DUP/years/2021/execution?knownAt=2999-01-01T00:00:00Z");
        assertThat(future.status()).isEqualTo(400);
    }
}
