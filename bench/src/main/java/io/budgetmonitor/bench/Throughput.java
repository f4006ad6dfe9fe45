package io.budgetmonitor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed loop: {@code clients} threads each run the operation back to back for the given time.
 * Only operations that succeeded count towards the rate and the latencies; failures are counted apart.
 *
 * @param clients   concurrency
 * @param ok        operations that succeeded
 * @param failed    operations that failed (an error is kept as {@code firstError})
 * @param seconds   measured wall time
 * @param latencies of the successful operations
 */
record Throughput(int clients, long ok, long failed, double seconds, Latencies latencies, String firstError) {

    /** One operation of client {@code client}, its {@code n}-th; returns normally on success. */
    interface Operation {
        void run(int client, long n) throws Exception;
    }

    /** What each client thread holds (a connection, say) for the whole run. */
    interface PerClient {
        Operation open(int client) throws Exception;
    }

    static Throughput run(int clients, double seconds, PerClient perClient) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        Latencies all = new Latencies();
        AtomicLong failed = new AtomicLong();
        String[] firstError = {null};
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(started(() -> {
                Latencies mine = new Latencies();
                try {
                    Operation operation = perClient.open(client);
                    for (long n = 0; System.nanoTime() < deadline; n++) {
                        long begin = System.nanoTime();
                        try {
                            operation.run(client, n);
                            mine.add(System.nanoTime() - begin);
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = String.valueOf(e.getMessage());
                                }
                            }
                        }
                    }
                    if (operation instanceof AutoCloseable closeable) {
                        closeable.close();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    synchronized (firstError) {
                        firstError[0] = "client could not start: " + e;
                    }
                }
                all.addAll(mine);
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Throughput(clients, all.count(), failed.get(), elapsed, all, firstError[0]);
    }

    double perSecond() {
        return ok / seconds;
    }

    double p50() {
        return latencies.percentileMillis(50);
    }

    double p99() {
        return latencies.percentileMillis(99);
    }

    String describe(String unit) {
        return String.format("%,.0f %s/s, p50 %.1f ms, p99 %.1f ms", perSecond(), unit, p50(), p99())
                + (failed > 0 ? String.format(" (%d failed: %s)", failed, abbreviate(firstError)) : "");
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static Thread started(Runnable body) {
        Thread thread = new Thread(body, "bench-client");
        thread.start();
        return thread;
    }
}
