package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.wire.BudgetJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A burst of writes faster than Kafka takes them: 250,000 events committed at once by SQL (what a bulk
 * load or another instance's imports look like to the publisher) while the publisher is tailing the log.
 * The publisher's read-ahead must stay bounded: Axon's shared event cache kept everything read after a
 * lagging processor reachable until its cleaner ran (every 10 s by default), and the 1,000,000-event
 * district of {@code bench/run} ended the publisher with an {@code OutOfMemoryError}. Every event still
 * reaches the topic's log position.
 *
 * <p>Its own command-service (database and topic {@code budget.events.burst}): the shared test topic is read
 * from the beginning by other tests, which 250,000 more records would slow down.
 */
class PublisherBurstIT {

    private static final long MB = 1024 * 1024;
    private static final int TEMPLATE_PAYMENTS = 500;
    private static final int COPIES = 500;

    @Test
    void aBurstOfAQuarterMillionEventsIsPublishedWithTheHeapBounded() throws Exception {
        try (RunningCommandService service = RunningCommandService.start("burst")) {
            JdbcTemplate jdbc = service.bean(JdbcTemplate.class);
            String template = "BURST";
            var answer = service.importNdjson(
                    () -> new ByteArrayInputStream(ledger(template).getBytes(StandardCharsets.UTF_8)));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("accepted").asLong()).isEqualTo(TEMPLATE_PAYMENTS + 2);
            awaitPublished(jdbc, head(jdbc), Duration.ofSeconds(60));

            long baseline = LiveHeap.afterFullGc();
            AtomicLong peak = new AtomicLong(baseline);
            AtomicBoolean publishing = new AtomicBoolean(true);
            Thread sampler = new Thread(
                    () -> {
                        while (publishing.get()) {
                            peak.accumulateAndGet(LiveHeap.afterFullGc(), Math::max);
                            try {
                                Thread.sleep(200);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-sampler");
            sampler.start();
            long started = System.nanoTime();
            long copied;
            try {
                copied = copy(jdbc, template, COPIES);
                awaitPublished(jdbc, head(jdbc), Duration.ofMinutes(5));
            } finally {
                publishing.set(false);
                sampler.join();
            }
            long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000);

            System.out.printf(
                    "publisher burst: %,d events committed by SQL and published in %d s; live heap peak %d MB"
                            + " above the %d MB before%n",
                    copied, seconds, (peak.get() - baseline) / MB, baseline / MB);
            assertThat(copied).isEqualTo((long) COPIES * (TEMPLATE_PAYMENTS + 2));
            // the fixed read-ahead holds about 10,000 events (≈ 12 MB) plus what is read between two checks; the
            // unbounded one held every event read while the publisher lagged (≈ 1.2 KB each: > 250 MB here)
            assertThat(peak.get() - baseline)
                    .as("live heap peak during the burst above its baseline")
                    .isLessThan(96 * MB);
        }
    }

    private static String ledger(String department) {
        String year = "\"department\":\"" + department + "\",\"fiscalYear\":2021";
        String payments = IntStream.rangeClosed(1, TEMPLATE_PAYMENTS)
                .mapToObj(i -> "{\"type\":\"RecordDisbursement\"," + year
                        + ",\"line\":\"L1\",\"voucher\":\"B-" + i
                        + "\",\"amount\":\"1.00\",\"payee\":\"某物业公司\",\"purpose\":\"办公楼物业费\","
                        + "\"occurredOn\":\"2021-02-01\"}")
                .collect(Collectors.joining("\n"));
        return "{\"type\":\"OpenFiscalYear\"," + year + ",\"departmentName\":\"突发\",\"occurredOn\":\"2021-01-01\"}\n"
                + "{\"type\":\"AllocateBudget\"," + year + ",\"line\":\"L1\",\"name\":\"n\","
                + "\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PROJECT\",\"appropriation\":true,"
                + "\"amount\":\"100000.00\",\"occurredOn\":\"2021-01-02\"}\n"
                + payments + "\n";
    }

    /**
     * Copies of the template's events under new department codes, in one transaction, in (department,
     * aggregate, sequence) order so that the hash-chain trigger links every copy (as bench/run's fill does).
     */
    private static long copy(JdbcTemplate jdbc, String template, int copies) {
        return jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number,"
                        + " type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " SELECT gen_random_uuid()::text, d.code || substr(t.aggregate_identifier, "
                        + (template.length() + 1)
                        + "), t.sequence_number, t.type, t.time_stamp, t.payload_type, t.payload_revision,"
                        + " replace(t.payload, '\"department\":\"" + template
                        + "\"', '\"department\":\"' || d.code || '\"'),"
                        + " t.meta_data FROM (SELECT 'BC' || lpad(g::text, 5, '0') AS code, g FROM generate_series(1, ?) g) d"
                        + " CROSS JOIN (SELECT * FROM domain_event_entry WHERE aggregate_identifier LIKE '" + template
                        + ":%') t ORDER BY d.g, t.aggregate_identifier, t.sequence_number",
                copies);
    }

    private static long head(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    /** Until the Kafka publisher's token has passed {@code position} with no gap open. */
    private static void awaitPublished(JdbcTemplate jdbc, long position, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String token = null;
        while (System.nanoTime() < deadline) {
            token = jdbc.query(
                    "SELECT token FROM token_entry WHERE processor_name = 'kafka-publisher'",
                    rows -> rows.next() ? rows.getString(1) : null);
            if (token != null) {
                var parsed = BudgetJson.mapper().readTree(token);
                if (parsed.path("index").asLong() >= position
                        && parsed.path("gaps").isEmpty()) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the publisher did not reach " + position + " within " + timeout + "; token " + token);
    }
}
