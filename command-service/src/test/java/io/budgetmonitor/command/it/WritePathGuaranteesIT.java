package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budgetmonitor.command.budgetline.BudgetLine;
import io.budgetmonitor.command.eventstore.AggregateCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The write path's guarantees after its redesign: cache eviction, the batch fallback, snapshots. */
class WritePathGuaranteesIT extends IntegrationTest {

    @Autowired
    AggregateCache cache;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Snapshotter snapshotter;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aRefusedCommandEvictsItsLineAndTheNextCommandDecidesOnTheStoredState() {
        String department = newDepartment("EVI");
        openYearWithLine(department, "L1", "100.00");
        String line = department + ":2021:L1";
        String lines = yearPath(department, 2021) + "/lines/L1";
        assertThat(post(lines + "/disbursements", disbursement("E-1", "30.00")).status())
                .isEqualTo(201);
        assertThat(cache.holds(line)).isTrue();

        Response refused = post(lines + "/adjustments", """
                {"kind":"REDUCTION","amount":"80.00","reason":"too much","occurredOn":"2021-04-01"}""");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(cache.holds(line)).as("rolled back: evicted").isFalse();
        Response next = post(lines + "/disbursements", disbursement("E-2", "70.00"));
        assertThat(next.status()).isEqualTo(201);
        assertThat(new BigDecimal(next.body().get("available").asText())).isEqualByComparingTo("0.00");
        assertThat(cache.holds(line)).isTrue();
    }

    @Test
    void aBatchWhoseWriteFailsIsAppliedLineByLineAndTheRestIsKept() {
        String department = newDepartment("FBK");
        openYearWithLine(department, "L1", "1000.00");
        String allocateL1 = "{\"type\":\"AllocateBudget\",\"department\":\"" + department
                + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"name\":\"n\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PROJECT\",\"appropriation\":true,\"amount\":\"5.00\",\"occurredOn\":\"2021-01-02\"}";
        String allocateL2 = allocateL1.replace("\"L1\"", "\"L2\"");
        List<String> ndjson = new ArrayList<>();
        ndjson.add(pay(department, "L1", "F-1", "100.00"));
        // L1 exists: found only when the batch is written (its first event's key), which fails the batch
        ndjson.add(allocateL1);
        ndjson.add(pay(department, "L1", "F-2", "200.00"));
        ndjson.add(allocateL2);
        ndjson.add(pay(department, "L2", "F-3", "5.00"));
        ndjson.add(pay(department, "L2", "F-1", "1.00")); // voucher F-1 was posted (line 1) in this batch
        double fallbacksBefore = fallbacks();

        Response report = importNdjson(String.join("\n", ndjson) + "\n");

        assertThat(report.status()).isEqualTo(200);
        assertThat(fallbacks()).isEqualTo(fallbacksBefore + 1);
        assertThat(report.body().get("accepted").asLong())
                .as(report.body().toString())
                .isEqualTo(4);
        List<String> rejected = new ArrayList<>();
        report.body()
                .get("rejected")
                .forEach(r -> rejected.add(
                        r.get("line").asInt() + ":" + r.get("status").asInt()));
        assertThat(rejected).containsExactly("2:409", "6:409");
        assertThat(eventCount(department + ":2021:L1", "DisbursementRecorded")).isEqualTo(2);
        assertThat(eventCount(department + ":2021:L2", "DisbursementRecorded")).isEqualTo(1);
        assertThat(eventCount(department + ":2021:L2", "BudgetAllocated")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM voucher_book WHERE department = ?", Long.class, department))
                .isEqualTo(3);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        assertThat(report.body().get("position").asLong()).isLessThanOrEqualTo(head);
    }

    @Test
    void aBatchDecidedInMemorySeesItsOwnEarlierLines() {
        String department = newDepartment("MEM");
        String open = "{\"type\":\"OpenFiscalYear\",\"department\":\"" + department
                + "\",\"fiscalYear\":2021,\"departmentName\":\"内存\",\"occurredOn\":\"2021-01-01\"}";
        String allocate = "{\"type\":\"AllocateBudget\",\"department\":\"" + department
                + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"name\":\"n\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PROJECT\",\"appropriation\":true,\"amount\":\"100.00\",\"occurredOn\":\"2021-01-02\"}";
        String reverse = "{\"type\":\"ReverseDisbursement\",\"department\":\"" + department
                + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"voucher\":\"M-1\",\"reason\":\"r\",\"occurredOn\":\"2021-03-01\"}";
        double fallbacksBefore = fallbacks();

        Response report = importNdjson(String.join(
                "\n",
                open,
                allocate,
                pay(department, "L1", "M-1", "60.00"),
                pay(department, "L1", "M-1", "60.00"), // the same payment again: a duplicate
                pay(department, "L1", "M-2", "50.00"), // 40.00 left: refused, and the refusal stored
                reverse,
                reverse, // reversed already
                pay(department, "L1", "M-3", "100.00"),
                ""));

        assertThat(report.status()).isEqualTo(200);
        assertThat(fallbacks()).as("decided and written at once").isEqualTo(fallbacksBefore);
        assertThat(report.body().get("accepted").asLong())
                .as(report.body().toString())
                .isEqualTo(5);
        assertThat(report.body().get("duplicates").asLong()).isEqualTo(1);
        List<String> rejected = new ArrayList<>();
        report.body()
                .get("rejected")
                .forEach(r -> rejected.add(
                        r.get("line").asInt() + ":" + r.get("status").asInt()));
        assertThat(rejected).containsExactly("5:409", "7:409");
        assertThat(eventCount(department + ":", "DisbursementRejected")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT reversed FROM voucher_book WHERE department = ? AND voucher = 'M-1'",
                        Boolean.class,
                        department))
                .isTrue();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        assertThat(report.body().get("position").asLong()).isLessThanOrEqualTo(head);
        assertThat(report.body().get("position").asLong())
                .isEqualTo(jdbc.queryForObject(
                        "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier LIKE ?",
                        Long.class,
                        department + ":%"));
    }

    /**
     * An import batch checks the cached lines it will load with one query (AggregateCache.checkAll):
     * an entry another writer has moved past is found stale there, the line is loaded from the store
     * and the batch is decided on the stored state (and written at once: no lost race to fall back from).
     */
    @Test
    void anImportBatchFindsACachedLineStaleAfterAnotherWriterAppended() {
        String department = newDepartment("STL");
        openYearWithLine(department, "L1", "100.00");
        String line = department + ":2021:L1";
        String lines = yearPath(department, 2021) + "/lines/L1";
        assertThat(post(lines + "/disbursements", disbursement("S-1", "30.00")).status())
                .isEqualTo(201);
        assertThat(cache.holds(line)).isTrue();
        // another instance's write as the store sees it: the last payment (30.00) again, under the next sequence
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "SELECT ?, aggregate_identifier, sequence_number + 1, type, time_stamp, payload_type, "
                        + "payload_revision, payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number DESC LIMIT 1",
                UUID.randomUUID().toString(),
                line);
        long staleBefore = cache.staleEntries();
        double fallbacksBefore = fallbacks();

        Response report = importNdjson(
                pay(department, "L1", "S-2", "40.00") + "\n" + pay(department, "L1", "S-3", "0.01") + "\n");

        assertThat(report.status()).isEqualTo(200);
        assertThat(cache.staleEntries()).isEqualTo(staleBefore + 1);
        assertThat(fallbacks()).as("decided on the stored state").isEqualTo(fallbacksBefore);
        // 100.00 - 30.00 - 30.00 (the other writer's) leaves 40.00: S-2 takes it, S-3 is refused
        assertThat(report.body().get("accepted").asLong())
                .as(report.body().toString())
                .isEqualTo(1);
        assertThat(report.body().get("rejected").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(report.body().get("rejected").get(0).get("status").asInt()).isEqualTo(409);
    }

    /**
     * The batch reads its vouchers with one query (VoucherBook.prefetch), before any line is decided:
     * vouchers stored before the import must still decide each line exactly as a lookup per line did
     * (a retry is a duplicate, a reused number is refused, a reversal finds its payment), and the lines
     * see each other's vouchers over what was read.
     */
    @Test
    void aBatchReadsItsStoredVouchersAtOnceAndDecidesEachLineAsBefore() {
        String department = newDepartment("PRE");
        openYearWithLine(department, "L1", "1000.00");
        String lines = yearPath(department, 2021) + "/lines/L1";
        assertThat(post(lines + "/disbursements", disbursement("P-1", "10.00")).status())
                .isEqualTo(201);
        assertThat(post(lines + "/disbursements", disbursement("P-2", "20.00")).status())
                .isEqualTo(201);
        assertThat(post(lines + "/disbursements", disbursement("P-3", "30.00")).status())
                .isEqualTo(201);
        assertThat(post(lines + "/disbursements/P-3/reversal", """
                        {"reason":"wrong","occurredOn":"2021-03-20"}""").status()).isEqualTo(201);
        String sameAsP1 = "{\"type\":\"RecordDisbursement\",\"department\":\"" + department
                + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"voucher\":\"P-1\",\"amount\":\"10.00\","
                + "\"payee\":\"某物业公司\",\"purpose\":\"办公楼物业费\",\"procurement\":false,\"occurredOn\":\"2021-03-15\"}";
        double fallbacksBefore = fallbacks();

        Response report = importNdjson(String.join(
                "\n",
                sameAsP1, // stored before, same payment: a duplicate
                pay(department, "L1", "P-2", "25.00"), // stored before with 20.00: refused
                pay(department, "L1", "P-3", "30.00"), // stored and reversed: refused
                reverse(department, "P-1"), // finds the stored payment
                reverse(department, "P-3"), // reversed already: refused
                pay(department, "L1", "P-4", "40.00"), // new
                pay(department, "L1", "P-4", "40.00"), // new in this batch, sent again: a duplicate
                reverse(department, "P-4"), // reverses the batch's own payment
                pay(department, "L1", "P-5", "50.00"), // new
                ""));

        assertThat(report.status()).isEqualTo(200);
        assertThat(fallbacks()).as("decided and written at once").isEqualTo(fallbacksBefore);
        assertThat(report.body().get("accepted").asLong())
                .as(report.body().toString())
                .isEqualTo(4);
        assertThat(report.body().get("duplicates").asLong()).isEqualTo(2);
        List<String> rejected = new ArrayList<>();
        report.body()
                .get("rejected")
                .forEach(r -> rejected.add(
                        r.get("line").asInt() + ":" + r.get("status").asInt()));
        assertThat(rejected).containsExactly("2:409", "3:409", "5:409");
        assertThat(jdbc.queryForList(
                        "SELECT voucher || ':' || reversed FROM voucher_book WHERE department = ? ORDER BY voucher",
                        String.class,
                        department))
                .containsExactly("P-1:true", "P-2:false", "P-3:true", "P-4:true", "P-5:false");
        assertThat(eventCount(department + ":2021:L1", "DisbursementRecorded")).isEqualTo(5);
        assertThat(eventCount(department + ":2021:L1", "DisbursementReversed")).isEqualTo(3);
    }

    private static String reverse(String department, String voucher) {
        return "{\"type\":\"ReverseDisbursement\",\"department\":\"" + department
                + "\",\"fiscalYear\":2021,\"line\":\"L1\",\"voucher\":\"" + voucher
                + "\",\"reason\":\"r\",\"occurredOn\":\"2021-03-01\"}";
    }

    /**
     * Axon marks a snapshot "in progress" until its task has run: a task scheduled inside a
     * transaction that then rolls back must still run, or the line is never snapshotted again.
     */
    @Test
    void aSnapshotScheduledInATransactionThatRollsBackStillRunsAndTheLineCanBeSnapshottedAgain() {
        String department = newDepartment("SNP");
        openYearWithLine(department, "L1", "100.00");
        String line = department + ":2021:L1";
        String path = yearPath(department, 2021) + "/lines/L1/disbursements";
        assertThat(post(path, disbursement("S-1", "1.00")).status()).isEqualTo(201);

        transactions.executeWithoutResult(status -> {
            snapshotter.scheduleSnapshot(BudgetLine.class, line);
            status.setRollbackOnly();
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> Long.valueOf(1L).equals(snapshotAt(line)));
        assertThat(post(path, disbursement("S-2", "1.00")).status()).isEqualTo(201);
        snapshotter.scheduleSnapshot(BudgetLine.class, line);
        await().atMost(Duration.ofSeconds(60)).until(() -> Long.valueOf(2L).equals(snapshotAt(line)));
    }

    private Long snapshotAt(String line) {
        return jdbc.queryForObject(
                "SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                line);
    }

    private double fallbacks() {
        return meters.counter("budget.import.batch.fallbacks").count();
    }

    private static String pay(String department, String line, String voucher, String amount) {
        return "{\"type\":\"RecordDisbursement\",\"department\":\"" + department + "\",\"fiscalYear\":2021,\"line\":\""
                + line + "\",\"voucher\":\"" + voucher + "\",\"amount\":\"" + amount
                + "\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-02-01\"}";
    }
}
