package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An import sent with an Idempotency-Key can be sent again, whole, after its connection broke: what
 * was stored is skipped, the rest is applied, nothing twice. Adjustments are the test because,
 * unlike disbursements, they carry no key of their own.
 */
class ResumableImportIT extends IntegrationTest {

    /** Lines a ledger here has beyond one full import batch (whatever its size). */
    static final int BEYOND_A_BATCH = 350;

    @org.springframework.beans.factory.annotation.Autowired
    io.budgetmonitor.command.imports.LedgerImporter importer;

    @Test
    void anImportWhoseConnectionBrokeIsSentAgainAndAppliesEachLineOnce() throws Exception {
        String d = newDepartment("RES");
        int adjustments = importer.batchLines() + BEYOND_A_BATCH;
        List<String> lines = ledger(d, adjustments);
        String key = "ledger-" + d;

        // the client dies after sending a batch and 150 lines: what was committed stays, the open batch is
        // rolled back
        int sent = importer.batchLines() + 150;
        sendAndBreak(lines.subList(0, sent), key);
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofMillis(500)).until(this::noImportRunning);
        long storedBeforeResend = importedLines(key);
        // one full batch, unless a slow machine hit the batch's time limit first
        assertThat(storedBeforeResend).isBetween(2L, (long) sent);
        // a line counts as imported exactly when its events are stored
        assertThat(eventCount(d + ":", "BudgetAdjusted")).isEqualTo(storedBeforeResend - 2);

        Response resent = importNdjson(String.join("\n", lines), Map.of("Idempotency-Key", key));

        JsonNode report = resent.body();
        assertThat(report.get("rejected")).as(report.toString()).isEmpty();
        assertThat(report.get("duplicates").asLong()).isEqualTo(storedBeforeResend);
        assertThat(report.get("accepted").asLong()).isEqualTo(lines.size() - storedBeforeResend);
        assertThat(eventCount(d + ":", "BudgetAdjusted")).isEqualTo(adjustments);
        assertThat(importedLines(key)).isEqualTo(lines.size());

        // the re-send appended to the chains the broken import started: every link holds
        JsonNode verification =
                get("/api/v1/audit/verify?department=" + d + "&year=2021").body();
        assertThat(verification.get("brokenAt").isNull())
                .as(verification.toString())
                .isTrue();
        assertThat(verification.get("verified").asLong()).isEqualTo(adjustments + 2);

        Response again = importNdjson(String.join("\n", lines), Map.of("Idempotency-Key", key));
        assertThat(again.body().get("accepted").asLong()).isZero();
        assertThat(again.body().get("duplicates").asLong()).isEqualTo(lines.size());
        assertThat(eventCount(d + ":", "BudgetAdjusted")).isEqualTo(adjustments);
    }

    @Test
    void aLineChangedSinceTheFirstSendingIsRefusedAndTheRestSkipped() {
        String d = newDepartment("CHG");
        List<String> lines = ledger(d, 12).subList(0, 12);
        String key = "ledger-" + d;
        assertThat(importNdjson(String.join("\n", lines), Map.of("Idempotency-Key", key))
                        .body()
                        .get("accepted")
                        .asLong())
                .isEqualTo(12);
        List<String> changed = new ArrayList<>(lines);
        changed.set(4, changed.get(4).replace("\"1.00\"", "\"2.00\""));
        changed.add(adjustment(d, "9.00"));

        JsonNode report = importNdjson(String.join("\n", changed), Map.of("Idempotency-Key", key))
                .body();

        assertThat(report.get("accepted").asLong()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("duplicates").asLong()).isEqualTo(11);
        assertThat(report.get("rejected")).hasSize(1);
        assertThat(report.get("rejected").get(0).get("line").asInt()).isEqualTo(5);
        assertThat(report.get("rejected").get(0).get("status").asInt()).isEqualTo(422);
        assertThat(eventCount(d + ":", "BudgetAdjusted")).isEqualTo(11);
    }

    @Test
    void withoutAKeyAnImportIsAppliedAgainAsBefore() {
        String d = newDepartment("NOK");
        List<String> lines = ledger(d, 5).subList(0, 5);

        importNdjson(String.join("\n", lines));
        importNdjson(String.join("\n", lines));

        assertThat(eventCount(d + ":", "BudgetAdjusted")).isEqualTo(6);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM imported_line WHERE import_key LIKE ?", Long.class, "%" + d))
                .isZero();
    }

    private static List<String> ledger(String d, int adjustments) {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"OpenFiscalYear\",\"department\":\"" + d
                + "\",\"fiscalYear\":2021,\"departmentName\":\"续传\",\"occurredOn\":\"2021-01-01\"}");
        lines.add(
                "{\"type\":\"AllocateBudget\",\"department\":\"" + d
                        + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"name\":\"n\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PROJECT\",\"appropriation\":true,\"amount\":\"100.00\",\"occurredOn\":\"2021-01-02\"}");
        for (int i = 0; i < adjustments; i++) {
            lines.add(adjustment(d, "1.00"));
        }
        return lines;
    }

    private static String adjustment(String d, String amount) {
        return "{\"type\":\"AdjustBudget\",\"department\":\"" + d
                + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"kind\":\"SUPPLEMENT\",\"amount\":\"" + amount
                + "\",\"reason\":\"追加\",\"occurredOn\":\"2021-03-01\"}";
    }

    /** A chunked request whose client vanishes before the last chunk: the server reads an unexpected end. */
    private void sendAndBreak(List<String> lines, String key) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/imports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                            + "Authorization: " + basic(DEFAULT_USER) + "\r\n"
                            + "Idempotency-Key: " + key + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (String line : lines) {
                byte[] chunk = (line + "\n").getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            // once the server has committed a batch, reset the connection (not a polite close): a reset
            // discards what the server has not read yet, so waiting first makes the break land mid-file
            await().atMost(Duration.ofSeconds(30)).until(() -> importedLines(key) > 0);
            socket.setSoLinger(true, 0);
        }
    }

    private long importedLines(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM imported_line WHERE import_key = ?", Long.class, key);
    }

    /** No transaction of the import left open (an import batch in progress or not yet rolled back). */
    private boolean noImportRunning() {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                + "AND state LIKE 'idle in transaction%' OR (datname = current_database() AND state = 'active' "
                                + "AND query LIKE 'INSERT INTO domain_event_entry%')",
                        Long.class)
                == 0;
    }

    @Test
    void storedLinesAreReadInWindowsAndNoneIsMissedAtTheirEdges(
            @org.springframework.beans.factory.annotation.Autowired
                    io.budgetmonitor.command.idempotency.ImportedLines importedLines) {
        String key = "windows-" + newDepartment("WIN");
        List<io.budgetmonitor.command.idempotency.ImportedLines.ImportedLine> stored = new ArrayList<>();
        for (long line = 1; line <= 12_001; line++) {
            if (line % 7 != 0) {
                stored.add(new io.budgetmonitor.command.idempotency.ImportedLines.ImportedLine(line, "f" + line));
            }
        }
        importedLines.record(key, stored);

        var lines = importedLines.storedUnder(key);
        for (long line = 1; line <= 12_010; line++) {
            String expected = line % 7 != 0 && line <= 12_001 ? "f" + line : null;
            assertThat(lines.fingerprintOf(line)).as("line %d", line).isEqualTo(expected);
        }
    }
}
