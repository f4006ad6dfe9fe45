package io.budgetmonitor.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the monitor showed on a past day, before and after a backdated correction; who recorded what. */
class AsOfAndHistoryTest extends IntegrationTest {

    @Test
    void asOfWithKnownAtBeforeAndAfterABackdatedCorrection() {
        clock.set(Instant.parse("2021-08-01T00:00:00Z"));
        ScenarioEvents s = scenario();
        List<RecordedEvent> events = List.of(
                s.record(
                        new FiscalYearOpened("ASOF", 2021, "asof", "baiyun-2022", List.of(), LocalDate.of(2021, 1, 1))),
                s.record(new BudgetAllocated(
                        "ASOF",
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
                        "ASOF", 2021, "L1", "V1", Money.of("300.00"), "p", "x", false, LocalDate.of(2021, 5, 1))),
                // recorded on 5 July, dated 15 June: a backdated correction
                s.record(
                        new DisbursementRecorded(
                                "ASOF",
                                2021,
                                "L1",
                                "V2",
                                Money.of("200.00"),
                                "p",
                                "x",
                                false,
                                LocalDate.of(2021, 6, 15)),
                        Instant.parse("2021-07-05T10:00:00Z")));
        publish(events);
        awaitApplied(events);
        String url = baseUrl() + "/api/v1/departments/ASOF/years/2021/execution?asOf=2021-06-30&knownAt=";
        JsonNode before = Http.get(url + "2021-07-01T00:00:00Z").body();
        JsonNode after = Http.get(url + "2021-07-06T00:00:00Z").body();
        assertThat(before.get("executed").asText()).isEqualTo("300.00");
        assertThat(before.get("executionRate").asText()).isEqualTo("0.3000");
        assertThat(before.get("timeProgress").asText()).isEqualTo("0.5000");
        assertThat(after.get("executed").asText()).isEqualTo("500.00");
        assertThat(Http.get(baseUrl() + "/api/v1/departments/ASOF/years/2021/lines/L1?asOf=2021-05-31")
                        .body()
                        .get("executed")
                        .asText())
                .isEqualTo("300.00");

        JsonNode history = Http.get(baseUrl() + "/api/v1/departments/ASOF/years/2021/lines/L1/history")
                .body();
        assertThat(history).hasSize(3);
        JsonNode correction = history.get(2);
        assertThat(correction.get("occurredOn").asText()).isEqualTo("2021-06-15");
        assertThat(correction.get("recordedAt").asText()).isEqualTo("2021-07-05T10:00:00Z");
        assertThat(correction.get("recordedBy").asText()).isEqualTo("test-clerk");
        assertThat(correction.get("event").get("voucher").asText()).isEqualTo("V2");
        assertThat(Http.get(baseUrl() + "/api/v1/departments/ASOF/years/2021/history?knownAt=2021-07-01T00:00:00Z")
                        .body())
                .hasSize(3);
    }

    /**
     * recordedBy is the principal the command side authenticated; onBehalfOf is the client's claim
     * (X-Recorded-By), carried as the CloudEvents extension onbehalfof. It survives an event held for a
     * gap, and older messages without it still show (with no claim).
     */
    @Test
    void historyShowsWhoRecordedEachEventAndOnWhoseBehalfTheClientSaid() {
        clock.set(Instant.parse("2021-08-01T00:00:00Z"));
        ScenarioEvents s = scenario();
        RecordedEvent opened =
                s.record(new FiscalYearOpened("WHO", 2021, "who", "baiyun-2022", List.of(), LocalDate.of(2021, 1, 1)));
        RecordedEvent allocated = s.record(new BudgetAllocated(
                "WHO",
                2021,
                "L1",
                "L1",
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PROJECT,
                ThreePublicCategory.NONE,
                true,
                Money.of("1000.00"),
                LocalDate.of(2021, 1, 1)));
        RecordedEvent first = claimed(
                s.record(new DisbursementRecorded(
                        "WHO", 2021, "L1", "W1", Money.of("10.00"), "p", "x", false, LocalDate.of(2021, 3, 1))),
                "recorder",
                "财务室");
        RecordedEvent second = claimed(
                s.record(new DisbursementRecorded(
                        "WHO", 2021, "L1", "W2", Money.of("20.00"), "p", "x", false, LocalDate.of(2021, 3, 2))),
                "recorder",
                "mallory");
        // the second payment arrives before the first: held for the gap, then applied from the holding table
        publish(opened, allocated, second);
        publish(first);
        awaitApplied(opened, allocated, first, second);

        JsonNode history = Http.get(baseUrl() + "/api/v1/departments/WHO/years/2021/lines/L1/history")
                .body();

        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("recordedBy").asText()).isEqualTo("test-clerk");
        assertThat(history.get(0).get("onBehalfOf").isNull())
                .as("an event older than the claim")
                .isTrue();
        assertThat(history.get(1).get("recordedBy").asText()).isEqualTo("recorder");
        assertThat(history.get(1).get("onBehalfOf").asText()).isEqualTo("财务室");
        assertThat(history.get(2).get("recordedBy").asText()).isEqualTo("recorder");
        assertThat(history.get(2).get("onBehalfOf").asText()).isEqualTo("mallory");
    }

    private static RecordedEvent claimed(RecordedEvent e, String recordedBy, String onBehalfOf) {
        return new RecordedEvent(
                e.eventId(),
                e.aggregateId(),
                e.sequenceNumber(),
                e.position(),
                e.recordedAt(),
                recordedBy,
                e.correlationId(),
                e.event(),
                onBehalfOf,
                e.eventHash(),
                e.prevHash());
    }
}
