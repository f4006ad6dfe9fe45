package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/imports} exactly as API.md §2, and Idempotency-Key replays. */
class ImportIT extends IntegrationTest {

    @Test
    void aMixedLedgerGivesExactCountsAndPosition() {
        String d = newDepartment("IMP");
        String ndjson = String.join(
                "\n",
                /* 1 */ "{\"type\":\"OpenFiscalYear\",\"department\":\"" + d
                        + "\",\"fiscalYear\":2021,\"departmentName\":\"导入\",\"occurredOn\":\"2021-01-01\"}",
                /* 2 */ "{\"type\":\"AllocateBudget\",\"department\":\"" + d
                        + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"name\":\"n\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PROJECT\",\"appropriation\":true,\"amount\":\"100.00\",\"occurredOn\":\"2021-01-02\"}",
                /* 3 */ "{\"type\":\"RecordDisbursement\",\"department\":\"" + d
                        + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"voucher\":\"I-1\",\"amount\":\"60.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-02-01\"}",
                /* 4 */ "{\"type\":\"RecordDisbursement\",\"department\":\"" + d
                        + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"voucher\":\"I-1\",\"amount\":\"60.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-02-01\"}",
                /* 5 */ "{\"type\":\"RecordDisbursement\",\"department\":\"" + d
                        + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"voucher\":\"I-2\",\"amount\":\"50.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-02-02\"}",
                /* 6 */ "{\"type\":\"RecordDisbursement\",\"department\":\"" + d
                        + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"voucher\":\"I-3\",\"amount\":\"1.001\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-02-02\"}",
                /* 7 */ "{\"type\":\"RecordDisbursement\",\"department\":\"" + d + "\",\"fiscalYear\":2021,",
                /* 8 */ "",
                /* 9 */ "{\"type\":\"Teleport\",\"department\":\"" + d + "\",\"fiscalYear\":2021}",
                /* 10 */ "{\"type\":\"AdjustBudget\",\"department\":\"" + d
                        + "\",\"fiscalYear\":2021,\"line\":\"NOPE\",\"kind\":\"SUPPLEMENT\",\"amount\":\"5.00\",\"reason\":\"r\",\"occurredOn\":\"2021-03-01\"}",
                /* 11 */ "{\"type\":\"AdjustBudget\",\"department\":\"" + d
                        + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"kind\":\"SUPPLEMENT\",\"amount\":\"5.00\",\"reason\":\"r\",\"occurredOn\":\"2021-03-01\"}",
                "");
        long before = eventCount();

        Response response = importNdjson(ndjson);

        assertThat(response.status()).isEqualTo(200);
        JsonNode report = response.body();
        assertThat(report.get("accepted").asLong()).as(report.toString()).isEqualTo(4); // 1, 2, 3, 11
        assertThat(report.get("duplicates").asLong()).isEqualTo(1); // 4
        List<String> rejected = new ArrayList<>();
        report.get("rejected")
                .forEach(r -> rejected.add(
                        r.get("line").asInt() + ":" + r.get("status").asInt()));
        assertThat(rejected).containsExactly("5:409", "6:400", "7:400", "9:400", "10:404");
        assertThat(report.get("rejected").get(2).get("title").asText()).isEqualTo("Malformed JSON");
        assertThat(report.get("rejected").get(3).get("detail").asText())
                .contains("Teleport")
                .contains("RecordDisbursement");
        // 4 accepted commands + the recorded refusal of line 5
        assertThat(eventCount()).isEqualTo(before + 5);
        assertThat(eventCount(d + ":", "DisbursementRejected")).isEqualTo(1);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        assertThat(report.get("position").asLong()).isEqualTo(head);
    }

    @Test
    void anIdempotencyKeyReplayStoresNothingNew() {
        String department = newDepartment("IDEM");
        openYearWithLine(department, "L1", "1000.00");
        String path = yearPath(department, 2021) + "/lines/L1/adjustments";
        String body = """
                {"kind":"SUPPLEMENT","amount":"200.00","reason":"追加","occurredOn":"2021-04-01"}""";
        Map<String, String> key = Map.of("Idempotency-Key", "adj-" + department);

        Response first = post(path, body, key);
        long after = eventCount();
        Response replay = post(path, body.replace(" ", "").replace(",", " , "), key);
        Response otherBody = post(path, body.replace("200.00", "300.00"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.contentType()).startsWith("application/problem+json");
        assertThat(eventCount()).isEqualTo(after);
        assertThat(eventCount(department + ":", "BudgetAdjusted")).isEqualTo(1);
    }

    /**
     * A line whose effects reach the aggregate in memory and then fail at commit (here the voucher
     * book refuses the insert) is rolled back to its savepoint, and the lines after it in the same
     * batch are decided on the stored state, not on what the failed line had applied in memory.
     */
    @Test
    void aLineThatFailsAtCommitLeavesNothingBehindForTheRestOfItsBatch() {
        String d = newDepartment("FAIL");
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION refuse_boom_voucher() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'voucher book unavailable for %', NEW.voucher; END $$ LANGUAGE plpgsql""");
        jdbc.execute("CREATE TRIGGER refuse_boom BEFORE INSERT ON voucher_book FOR EACH ROW "
                + "WHEN (NEW.voucher LIKE 'BOOM-%') EXECUTE FUNCTION refuse_boom_voucher()");
        try {
            String line = "{\"type\":\"RecordDisbursement\",\"department\":\"" + d
                    + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"voucher\":\"%s\",\"amount\":\"%s\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-02-01\"}";
            String ndjson = String.join(
                    "\n",
                    "{\"type\":\"OpenFiscalYear\",\"department\":\"" + d
                            + "\",\"fiscalYear\":2021,\"departmentName\":\"失败\",\"occurredOn\":\"2021-01-01\"}",
                    "{\"type\":\"AllocateBudget\",\"department\":\"" + d
                            + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"name\":\"n\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PROJECT\",\"appropriation\":true,\"amount\":\"100.00\",\"occurredOn\":\"2021-01-02\"}",
                    line.formatted("F-1", "30.00"),
                    line.formatted("BOOM-1", "60.00"),
                    line.formatted("F-2", "70.00"),
                    line.formatted("F-3", "0.01"),
                    "");

            Response response = importNdjson(ndjson);

            JsonNode report = response.body();
            assertThat(report.get("accepted").asLong()).as(report.toString()).isEqualTo(4);
            assertThat(report.get("rejected")).hasSize(2);
            assertThat(report.get("rejected").get(0).get("line").asInt()).isEqualTo(4);
            assertThat(report.get("rejected").get(0).get("status").asInt()).isGreaterThanOrEqualTo(500);
            // F-2 fits only if BOOM-1's 60.00 is gone; F-3 then finds the line spent to the cent
            assertThat(report.get("rejected").get(1).get("line").asInt()).isEqualTo(6);
            assertThat(report.get("rejected").get(1).get("status").asInt()).isEqualTo(409);
            assertThat(eventCount(d + ":", "DisbursementRecorded")).isEqualTo(2);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ? "
                                    + "AND payload LIKE '%BOOM-1%'",
                            Long.class, d + ":%"))
                    .isZero();
            assertThat(jdbc.queryForObject(
                            "SELECT coalesce(sum(amount), 0) FROM voucher_book WHERE department = ?",
                            java.math.BigDecimal.class,
                            d))
                    .isEqualByComparingTo("100.00");
        } finally {
            jdbc.execute("DROP TRIGGER refuse_boom ON voucher_book");
        }
    }

    @Test
    void anIdempotencyKeyIsForgottenAfterTheRetentionAndTheRequestThenRunsAgain(
            @org.springframework.beans.factory.annotation.Autowired
                    io.budgetmonitor.command.idempotency.IdempotencyKeyExpiry expiry) {
        String department = newDepartment("EXP");
        openYearWithLine(department, "L1", "1000.00");
        String path = yearPath(department, 2021) + "/lines/L1/adjustments";
        String body = """
                {"kind":"SUPPLEMENT","amount":"10.00","reason":"追加","occurredOn":"2021-04-01"}""";
        Map<String, String> oldKey = Map.of("Idempotency-Key", "old-" + department);
        Map<String, String> recentKey = Map.of("Idempotency-Key", "recent-" + department);
        assertThat(post(path, body, oldKey).status()).isEqualTo(201);
        assertThat(post(path, body, recentKey).status()).isEqualTo(201);
        jdbc.update(
                "UPDATE idempotency_key SET created_at = now() - interval '8 days' WHERE key = ?", "old-" + department);

        assertThat(expiry.purge()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM idempotency_key WHERE key IN (?, ?)",
                        Long.class,
                        "old-" + department,
                        "recent-" + department))
                .isEqualTo(1);
        Response recentReplay = post(path, body, recentKey);
        assertThat(recentReplay.header("Idempotent-Replayed")).isEqualTo("true");
        Response afterExpiry = post(path, body, oldKey);
        assertThat(afterExpiry.status()).isEqualTo(201);
        assertThat(afterExpiry.header("Idempotent-Replayed")).isNull();
        assertThat(eventCount(department + ":", "BudgetAdjusted")).isEqualTo(3);
    }
}
