package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.command.eventstore.AggregateCache;
import io.budgetmonitor.command.eventstore.SnapshotsFromMemory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Snapshots taken from the committed aggregate in memory ({@link SnapshotsFromMemory}) hold exactly the
 * state the stored events give at the snapshot's sequence number, and a line loads from them.
 */
class SnapshotsFromMemoryIT extends IntegrationTest {

    @Autowired
    SnapshotsFromMemory snapshots;

    @Autowired
    AggregateCache cache;

    @Test
    void anImportedLineIsSnapshottedFromMemoryAtAStoredStateAndLoadsFromIt() throws Exception {
        String department = newDepartment("SFM");
        openYearWithLine(department, "L1", "100000.00");
        String line = department + ":2021:L1";
        long fromMemoryBefore = snapshots.takenFromMemory();
        // 250 payments of 1.00 .. 2.50: the trigger (every 100 events) fires twice inside import batches
        String ndjson = IntStream.rangeClosed(1, 250)
                .mapToObj(i -> "{\"type\":\"RecordDisbursement\",\"department\":\"" + department
                        + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"voucher\":\"V-" + i + "\",\"amount\":\""
                        + new BigDecimal(i).movePointLeft(2).add(BigDecimal.ONE)
                        + "\",\"payee\":\"p\",\"purpose\":\"q\","
                        + "\"occurredOn\":\"2021-02-01\"}")
                .collect(Collectors.joining("\n"));

        Response report = importNdjson(ndjson);

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body().get("accepted").asLong()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(60)).until(() -> snapshots.takenFromMemory() > fromMemoryBefore);
        await().atMost(Duration.ofSeconds(60)).until(() -> snapshotAt(line) != null);
        long sequence = snapshotAt(line);
        assertThat(sequence).isGreaterThanOrEqualTo(100);
        JsonNode state = JSON.readTree(jdbc.queryForObject(
                "SELECT payload FROM snapshot_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                String.class,
                line,
                sequence));
        BigDecimal spentByEvents = jdbc.queryForObject(
                "SELECT coalesce(sum((payload::jsonb ->> 'amount')::numeric), 0) FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND sequence_number <= ? AND payload_type LIKE '%DisbursementRecorded'",
                BigDecimal.class, line, sequence);
        assertThat(new BigDecimal(state.get("spent").asText())).isEqualByComparingTo(spentByEvents);
        assertThat(new BigDecimal(state.get("budget").asText())).isEqualByComparingTo("100000.00");

        // loaded from the snapshot (and the events after it), not from the cache: the same balance
        cache.removeAll();
        BigDecimal spentInAll = jdbc.queryForObject(
                "SELECT sum(amount) FROM voucher_book WHERE department = ?", BigDecimal.class, department);
        Response next = post(yearPath(department, 2021) + "/lines/L1/disbursements", disbursement("V-LAST", "1.00"));
        assertThat(next.status()).isEqualTo(201);
        assertThat(new BigDecimal(next.body().get("available").asText()))
                .isEqualByComparingTo(
                        new BigDecimal("100000.00").subtract(spentInAll).subtract(BigDecimal.ONE));
    }

    private Long snapshotAt(String line) {
        return jdbc.queryForObject(
                "SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                line);
    }
}
