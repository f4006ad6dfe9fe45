package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The golden demo ledger ({@code infra/demo/shijing-2021.ndjson}, a whole budget year of 石井街道)
 * through {@code POST /api/v1/imports}: no line rejected, and the event store's totals are the file's.
 */
class ShijingImportIT extends IntegrationTest {

    private static final Path LEDGER = Path.of("../infra/demo/shijing-2021.ndjson");

    @Test
    void theShijingYearImportsWithoutRejectionsAndTheStoreHoldsItsTotals() throws IOException {
        assertThat(LEDGER).as("the demo ledger ships with the repository").exists();
        List<String> lines =
                Files.readAllLines(LEDGER).stream().filter(l -> !l.isBlank()).toList();
        Map<String, BigDecimal> disbursed = new HashMap<>();
        BigDecimal expectedSpent = BigDecimal.ZERO;
        for (String line : lines) {
            JsonNode command = JSON.readTree(line);
            if (command.get("type").asText().equals("RecordDisbursement")) {
                disbursed.put(
                        command.get("voucher").asText(),
                        new BigDecimal(command.get("amount").asText()));
                expectedSpent =
                        expectedSpent.add(new BigDecimal(command.get("amount").asText()));
            }
        }
        for (String line : lines) {
            JsonNode command = JSON.readTree(line);
            if (command.get("type").asText().equals("ReverseDisbursement")) {
                expectedSpent = expectedSpent.subtract(
                        disbursed.get(command.get("voucher").asText()));
            }
        }

        Response response = importNdjson(() -> {
            try {
                return Files.newInputStream(LEDGER);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        JsonNode report = response.body();
        assertThat(response.status()).isEqualTo(200);
        assertThat(report.get("rejected")).as(report.toString()).isEmpty();
        assertThat(report.get("accepted").asLong()).isEqualTo(lines.size());
        long millis = report.get("elapsedMillis").asLong();
        System.out.printf(
                "Shijing import: %d lines in %d ms = %.0f lines/s%n",
                lines.size(), millis, lines.size() * 1000.0 / millis);

        long recorded = eventCount("BY-SJ:", "DisbursementRecorded");
        long reversed = eventCount("BY-SJ:", "DisbursementReversed");
        assertThat(recorded).isEqualTo(disbursed.size());
        assertThat(reversed)
                .isEqualTo(lines.stream()
                        .filter(l -> l.contains("\"ReverseDisbursement\""))
                        .count());
        BigDecimal spent = jdbc.queryForObject(
                "SELECT coalesce(sum(amount) FILTER (WHERE NOT reversed), 0) FROM voucher_book WHERE department = 'BY-SJ'",
                BigDecimal.class);
        assertThat(spent).isEqualByComparingTo(expectedSpent);
        BigDecimal fromEvents = jdbc.queryForObject(
                "SELECT coalesce(sum(CASE WHEN payload_type LIKE '%DisbursementRecorded' THEN (payload::jsonb->>'amount')::numeric "
                        + "ELSE -(payload::jsonb->>'amount')::numeric END), 0) FROM domain_event_entry "
                        + "WHERE aggregate_identifier LIKE 'BY-SJ:%' AND (payload_type LIKE '%DisbursementRecorded' OR payload_type LIKE '%DisbursementReversed')",
                BigDecimal.class);
        assertThat(fromEvents).isEqualByComparingTo(expectedSpent);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier LIKE 'BY-SJ:%'",
                        Long.class))
                .as("busy lines are snapshotted")
                .isPositive();
    }
}
