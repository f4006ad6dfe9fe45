package io.budgetmonitor.command.it;

import io.budgetmonitor.testkit.PostgresDatabase;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/** THROWAWAY load probe (not committed): REST c=1/c=16 and import vs plain SQL on the same PostgreSQL. */
class LoadProbeIT {

    static final int LINES = 100;
    static final long SECONDS = Long.getLong("probe.seconds", 12);
    static final AtomicLong VOUCHERS = new AtomicLong();

    @Test
    void probe() throws Exception {
        String tag = System.getProperty("probe.tag", "x");
        PostgresDatabase plain = TestInfrastructure.get().newDatabase("probe_plain");
        plainSetup(plain);
        try (RunningCommandService s = RunningCommandService.start("probe_" + tag)) {
            String d = "PRB";
            Map<String, String> office = Map.of("Authorization", RunningCommandService.basic("budget-office"));
            check(s.post("/api/v1/departments/" + d + "/years/2021", "{\"departmentName\":\"压测\",\"occurredOn\":\"2021-01-01\"}", office));
            for (int i = 0; i < LINES; i++) {
                check(s.post("/api/v1/departments/" + d + "/years/2021/lines", ("{\"line\":\"L%d\",\"name\":\"n\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PUBLIC_EXPENSE\","
                        + "\"appropriation\":true,\"amount\":\"100000000000.00\",\"occurredOn\":\"2021-01-05\"}").formatted(i), office));
            }
            rest(s, d, 16, 5, "warmup");
            plainRun(plain, 16, 5, "warmup");
            for (int round = 0; round < 2; round++) {
                plainRun(plain, 1, SECONDS, "plain c=1");
                rest(s, d, 1, SECONDS, "rest c=1");
                plainRun(plain, 16, SECONDS, "plain c=16");
                Recording jfr = round == 1 ? startJfr() : null;
                rest(s, d, 16, SECONDS, "rest c=16");
                if (jfr != null) {
                    jfr.dump(Path.of("/tmp/probe/" + tag + "-c16.jfr"));
                    jfr.close();
                }
            }
            int importLines = Integer.getInteger("probe.importLines", 20000);
            StringBuilder ndjson = new StringBuilder();
            for (int i = 0; i < importLines; i++) {
                ndjson.append("{\"type\":\"RecordDisbursement\",\"department\":\"").append(d)
                        .append("\",\"fiscalYear\":2021,\"line\":\"L").append(i % LINES).append("\",\"voucher\":\"IMP-")
                        .append(i).append("\",\"amount\":\"1.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-02-01\"}\n");
            }
            byte[] body = ndjson.toString().getBytes(StandardCharsets.UTF_8);
            Recording jfr = startJfr();
            long started = System.nanoTime();
            RunningCommandService.Answer answer = s.importNdjson(() -> new ByteArrayInputStream(body));
            double secs = (System.nanoTime() - started) / 1e9;
            jfr.dump(Path.of("/tmp/probe/" + tag + "-import.jfr"));
            jfr.close();
            System.out.printf("PROBE %s import %d lines: %.1f s = %.0f lines/s status %d %s%n", tag, importLines, secs,
                    importLines / secs, answer.status(), answer.body().substring(0, Math.min(120, answer.body().length())));
            plainCopy(plain, importLines);
        }
    }

    static Thread started(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    static Recording startJfr() throws Exception {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.start();
        return r;
    }

    static void check(RunningCommandService.Answer a) {
        if (a.status() >= 300) throw new AssertionError(a.status() + " " + a.body());
    }

    static void rest(RunningCommandService s, String d, int clients, long seconds, String what) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(started(() -> {
                java.util.Random random = new java.util.Random(client);
                while (System.nanoTime() < end) {
                    String voucher = "V-" + VOUCHERS.incrementAndGet();
                    String path = "/api/v1/departments/" + d + "/years/2021/lines/L" + random.nextInt(LINES) + "/disbursements";
                    long t = System.nanoTime();
                    RunningCommandService.Answer a = s.post(path, "{\"voucher\":\"" + voucher
                            + "\",\"amount\":\"1.00\",\"payee\":\"p\",\"purpose\":\"q\",\"procurement\":false,\"occurredOn\":\"2021-03-15\"}", Map.of());
                    latencies.add(System.nanoTime() - t);
                    if (a.status() != 201) errors.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) t.join();
        report(what, latencies, seconds, errors.get());
    }

    static void report(String what, List<Long> latencies, long seconds, long errors) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("PROBE %s: %.0f/s p50 %.1f ms p99 %.1f ms (n=%d, errors %d)%n", what, sorted.size() / (double) seconds,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.size(), errors);
    }

    static void plainSetup(PostgresDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE line (id TEXT PRIMARY KEY, available NUMERIC(20,2) NOT NULL)");
            st.execute("CREATE TABLE payment (voucher TEXT PRIMARY KEY, line TEXT NOT NULL, amount NUMERIC(20,2) NOT NULL, payee TEXT, purpose TEXT, occurred_on DATE)");
            for (int i = 0; i < LINES; i++) st.execute("INSERT INTO line VALUES ('L" + i + "', 100000000000.00)");
        }
    }

    static void plainRun(PostgresDatabase db, int clients, long seconds, String what) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(started(() -> {
                try (Connection con = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
                    con.setAutoCommit(false);
                    PreparedStatement lock = con.prepareStatement("SELECT available FROM line WHERE id = ? FOR UPDATE");
                    PreparedStatement pay = con.prepareStatement("INSERT INTO payment VALUES (?, ?, ?, 'p', 'q', DATE '2021-03-15')");
                    PreparedStatement upd = con.prepareStatement("UPDATE line SET available = available - ? WHERE id = ?");
                    java.util.Random random = new java.util.Random(client);
                    BigDecimal one = BigDecimal.ONE;
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        String line = "L" + random.nextInt(LINES);
                        lock.setString(1, line);
                        try (ResultSet rs = lock.executeQuery()) {
                            rs.next();
                            if (rs.getBigDecimal(1).compareTo(one) < 0) throw new IllegalStateException();
                        }
                        pay.setString(1, "P-" + VOUCHERS.incrementAndGet());
                        pay.setString(2, line);
                        pay.setBigDecimal(3, one);
                        pay.executeUpdate();
                        upd.setBigDecimal(1, one);
                        upd.setString(2, line);
                        upd.executeUpdate();
                        con.commit();
                        latencies.add(System.nanoTime() - t);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : threads) t.join();
        report(what, latencies, seconds, 0);
    }

    static void plainCopy(PostgresDatabase db, int rows) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < rows; i++) csv.append("C-").append(i).append(",L").append(i % LINES).append(",1.00,p,q,2021-02-01\n");
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.core.BaseConnection.class).getCopyAPI();
            long t = System.nanoTime();
            copy.copyIn("COPY payment FROM STDIN WITH (FORMAT csv)", new java.io.StringReader(csv.toString()));
            double secs = (System.nanoTime() - t) / 1e9;
            System.out.printf("PROBE COPY %d rows: %.2f s = %.0f rows/s%n", rows, secs, rows / secs);
        }
    }
}
