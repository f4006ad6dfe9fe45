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
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hash chain link of each event (CloudEvents eventhash/prevhash) reaches the history; an older
 * message without it is still applied, and a rebuild from the log copy neither needs nor changes it.
 */
class ChainedHistoryTest extends IntegrationTest {

    @Test
    void historyShowsEachEventsChainLinkAndARebuildLeavesItAsItWas() {
        ScenarioEvents s = scenario();
        RecordedEvent opened = chained(
                s.record(new FiscalYearOpened(
                        "CHAIN", 2021, "chain", "baiyun-2022", List.of(), LocalDate.of(2021, 1, 1))),
                "a1".repeat(32),
                null);
        RecordedEvent allocated = chained(
                s.record(new BudgetAllocated(
                        "CHAIN",
                        2021,
                        "L1",
                        "L1",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PROJECT,
                        ThreePublicCategory.NONE,
                        true,
                        Money.of("1000.00"),
                        LocalDate.of(2021, 1, 1))),
                "b1".repeat(32),
                null);
        RecordedEvent paid = chained(
                s.record(new DisbursementRecorded(
                        "CHAIN", 2021, "L1", "V1", Money.of("300.00"), "p", "x", false, LocalDate.of(2021, 5, 1))),
                "b2".repeat(32),
                "b1".repeat(32));
        // the client's claim travels beside the chain link
        paid = new RecordedEvent(
                paid.eventId(),
                paid.aggregateId(),
                paid.sequenceNumber(),
                paid.position(),
                paid.recordedAt(),
                "recorder",
                paid.correlationId(),
                paid.event(),
                "财务室",
                paid.eventHash(),
                paid.prevHash());
        // published before the chain existed: no extensions
        RecordedEvent older = s.record(new DisbursementRecorded(
                "CHAIN", 2021, "L1", "V2", Money.of("200.00"), "p", "x", false, LocalDate.of(2021, 5, 2)));
        List<RecordedEvent> events = List.of(opened, allocated, paid, older);
        publish(events);
        awaitApplied(events);

        JsonNode history = Http.get(baseUrl() + "/api/v1/departments/CHAIN/years/2021/lines/L1/history")
                .body();
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("eventHash").asText()).isEqualTo("b1".repeat(32));
        assertThat(history.get(0).get("prevHash").isNull()).isTrue();
        assertThat(history.get(1).get("eventHash").asText()).isEqualTo("b2".repeat(32));
        assertThat(history.get(1).get("prevHash").asText())
                .isEqualTo(history.get(0).get("eventHash").asText());
        assertThat(history.get(1).get("recordedBy").asText()).isEqualTo("recorder");
        assertThat(history.get(1).get("onBehalfOf").asText()).isEqualTo("财务室");
        assertThat(history.get(0).get("onBehalfOf").isNull()).isTrue();
        assertThat(history.get(2).get("eventHash").isNull())
                .as("an older message")
                .isTrue();
        assertThat(Http.get(baseUrl() + "/api/v1/departments/CHAIN/years/2021/execution")
                        .body()
                        .get("executed")
                        .asText())
                .isEqualTo("500.00");

        JsonNode live = Http.get(baseUrl() + "/api/v1/admin/digest").body();
        JsonNode rebuilt = Http.post(baseUrl() + "/api/v1/admin/rebuild", null).body();

        assertThat(rebuilt.get("digest")).isEqualTo(live);
        assertThat(Http.get(baseUrl() + "/api/v1/departments/CHAIN/years/2021/lines/L1/history")
                        .body())
                .isEqualTo(history);
    }

    private static RecordedEvent chained(RecordedEvent e, String eventHash, String prevHash) {
        return new RecordedEvent(
                e.eventId(),
                e.aggregateId(),
                e.sequenceNumber(),
                e.position(),
                e.recordedAt(),
                e.recordedBy(),
                e.correlationId(),
                e.event(),
                e.onBehalfOf(),
                eventHash,
                prevHash);
    }
}
