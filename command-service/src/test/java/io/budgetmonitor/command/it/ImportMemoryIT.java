package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A large NDJSON import, mostly malformed, streamed through {@code POST /api/v1/imports}: the heap
 * stays flat as the file grows five-fold (the body is never buffered, no line is kept beyond its
 * limit, the report keeps the first rejections and counts the rest), and every malformed line is
 * rejected on its own. The service runs in this JVM, so the heap measured is the service's (plus
 * this test's constant-size generator).
 */
class ImportMemoryIT extends IntegrationTest {

    private static final long MB = 1024 * 1024;

    @Test
    void theHeapStaysFlatAsAMalformedImportGrowsFromTwentyToAHundredMegabytes() throws Exception {
        String department = newDepartment("MEM");
        openYearWithLine(department, "GP-PUB-01", "900000000000.00");

        Run small = run(department, 20 * MB);
        Run large = run(department, 100 * MB);

        System.out.printf(
                "import memory: %d MB, %,d lines, %,d rejected, %d s: heap peak %d MB above the %d MB before; "
                        + "%d MB, %,d lines, %,d rejected, %d s: heap peak %d MB above the %d MB before%n",
                small.bytes / MB,
                small.lines,
                small.rejected,
                small.seconds,
                small.peakAbove / MB,
                small.baseline / MB,
                large.bytes / MB,
                large.lines,
                large.rejected,
                large.seconds,
                large.peakAbove / MB,
                large.baseline / MB);
        assertThat(large.lines).isGreaterThan(4 * small.lines);
        // flat: five times the file, not five times the memory. Buffering the 100 MB body would add more
        // than 100 MB (200 MB as a Java string); the margin absorbs what the other test contexts and
        // Kafka clients sharing this JVM allocate meanwhile (28 MB was seen on a loaded CI machine)
        assertThat(large.peakAbove)
                .as("heap peak of the 100 MB import above its baseline")
                .isLessThan(small.peakAbove + 64 * MB);
    }

    private record Run(long bytes, long lines, long rejected, long seconds, long baseline, long peakAbove) {}

    private Run run(String department, long bytes) throws Exception {
        long baseline = LiveHeap.afterFullGc();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean importing = new AtomicBoolean(true);
        Thread sampler = new Thread(
                () -> {
                    while (importing.get()) {
                        peak.accumulateAndGet(LiveHeap.afterFullGc(), Math::max);
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        MalformedLedger ledger = new MalformedLedger(department, bytes);
        long before = eventCount();
        long started = System.nanoTime();
        sampler.start();
        Response response;
        try {
            response = importNdjson(() -> ledger);
        } finally {
            importing.set(false);
            sampler.join();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        assertThat(response.status()).isEqualTo(200);
        JsonNode report = response.body();
        assertThat(report.get("lines").asLong()).isEqualTo(ledger.lines);
        assertThat(report.get("accepted").asLong()).isEqualTo(ledger.valid);
        assertThat(report.get("rejectedCount").asLong())
                .as("every malformed line rejected")
                .isEqualTo(ledger.malformed);
        assertThat(eventCount() - before).isEqualTo(ledger.valid);
        JsonNode listed = report.get("rejected");
        assertThat(listed).hasSize(1_000);
        long previous = 0;
        for (JsonNode rejected : listed) {
            long line = rejected.get("line").asLong();
            assertThat(line).isGreaterThan(previous);
            assertThat(MalformedLedger.isValid(line)).isFalse();
            assertThat(rejected.get("status").asInt()).isEqualTo(MalformedLedger.isTooLong(line) ? 413 : 400);
            previous = line;
        }
        return new Run(ledger.produced, ledger.lines, ledger.malformed, seconds, baseline, peak.get() - baseline);
    }

    /**
     * An endless-looking ledger made on the fly, in constant memory: per 50 lines one over-long line
     * (20,000 bytes), the rest short malformed lines of four kinds, and one valid payment every
     * 5,000 lines.
     */
    private static final class MalformedLedger extends InputStream {
        private final String department;
        private final long bytes;
        private long produced;
        private long lines;
        private long valid;
        private long malformed;
        private byte[] current = new byte[0];
        private int position;
        private final String longPayee = "x".repeat(20_000);

        MalformedLedger(String department, long bytes) {
            this.department = department;
            this.bytes = bytes;
        }

        static boolean isValid(long line) {
            return line % 5_000 == 1;
        }

        static boolean isTooLong(long line) {
            return line % 50 == 2;
        }

        private boolean nextLine() {
            if (produced >= bytes) {
                return false;
            }
            long number = ++lines;
            String prefix = "{\"type\":\"RecordDisbursement\",\"department\":\"" + department
                    + "\",\"fiscalYear\":2021,\"line\":\"GP-PUB-01\",\"voucher\":\"M" + bytes / MB + "-" + number
                    + "\",";
            String line;
            if (isValid(number)) {
                valid++;
                line = prefix
                        + "\"amount\":\"1.00\",\"payee\":\"某公司\",\"purpose\":\"办公\",\"occurredOn\":\"2021-05-01\"}";
            } else {
                malformed++;
                line = isTooLong(number)
                        ? prefix + "\"amount\":\"1.00\",\"payee\":\"" + longPayee
                                + "\",\"purpose\":\"q\",\"occurredOn\":\"2021-05-01\"}"
                        : switch ((int) (number % 4)) {
                            case 0 ->
                                prefix
                                        + "\"amount\":1e9999999,\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-05-01\"}";
                            case 1 -> prefix + "\"amount\":";
                            case 2 ->
                                prefix
                                        + "\"amount\":\"1.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"0000-01-01\"}";
                            default ->
                                prefix
                                        + "\"amount\":\"1.00\",\"payee\":\"p\\u0000\",\"purpose\":\"q\",\"occurredOn\":\"2021-05-01\"}";
                        };
            }
            current = (line + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
            produced += current.length;
            return true;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == current.length && !nextLine()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
