package io.budgetmonitor.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Background load for row 3: accepted payments at a fixed rate (open loop, at most 64 in flight) on
 * the REST department's lines, until closed. Reports the rate it really reached.
 */
final class PaymentFlow implements AutoCloseable {
    private static final int IN_FLIGHT = 64;

    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT);
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final long start = System.nanoTime();
    private final Latencies latencies = new Latencies();

    PaymentFlow(Api api, String commandUrl, String department, int lines, int perSecond, String run) {
        pacer.scheduleAtFixedRate(
                () -> {
                    if (!slots.tryAcquire()) {
                        skipped.incrementAndGet();
                        return;
                    }
                    long n = sequence.incrementAndGet();
                    senders.execute(() -> {
                        try {
                            String line =
                                    Ledger.line(1 + ThreadLocalRandom.current().nextInt(lines));
                            long begin = System.nanoTime();
                            Api.Answer answer = api.send(
                                    "POST",
                                    commandUrl + "/api/v1/departments/" + department + "/years/" + Ledger.YEAR
                                            + "/lines/" + line + "/disbursements",
                                    Api.RECORDER,
                                    new Ledger.Payment(
                                                    department,
                                                    line,
                                                    run + "-" + n,
                                                    "1.00",
                                                    java.time.LocalDate.of(Ledger.YEAR, 6, 1))
                                            .json());
                            if (answer.status() / 100 == 2) {
                                done.incrementAndGet();
                                latencies.add(System.nanoTime() - begin);
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        } finally {
                            slots.release();
                        }
                    });
                },
                0,
                1_000_000 / perSecond,
                TimeUnit.MICROSECONDS);
    }

    /** Payments accepted so far. */
    long accepted() {
        return done.get();
    }

    String describe() {
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(
                "%,.0f payments/s reached (p99 %.0f ms%s%s)",
                done.get() / seconds,
                latencies.percentileMillis(99),
                failed.get() > 0 ? ", " + failed.get() + " failed" : "",
                skipped.get() > 0 ? ", " + skipped.get() + " not sent: " + IN_FLIGHT + " already in flight" : "");
    }

    @Override
    public void close() throws InterruptedException {
        pacer.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
    }
}
