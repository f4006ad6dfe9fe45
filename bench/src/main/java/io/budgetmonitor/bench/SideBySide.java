package io.budgetmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.stack.LocalStack;
import io.budgetmonitor.stack.Service;
import io.budgetmonitor.stack.StackSettings;
import io.budgetmonitor.testkit.embedded.EmbeddedPostgresServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The side-by-side benchmark of issue 11: every row of its table, each next to its baseline, in one
 * run on one local stack (LocalStack, embedded PostgreSQL with fsync on, the run command's default
 * JVM options unless a row says otherwise). Usage and how to read it: docs/performance.md.
 */
public final class SideBySide {
    private static final String REST = "BENCH-REST";
    private static final String IMPORT = "BENCH-IMPORT";
    private static final String SMALL = "BENCH-SMALL";
    private static final String ALERT_IDLE = "BENCH-ALERT-I";
    private static final String ALERT_LOADED = "BENCH-ALERT-L";
    private static final int[] CONCURRENCY = {1, 16, 64};
    private static final String EVENTS_TOPIC = "budget.events.v1";

    private final Sizes sizes;
    private final Path dataDir;
    private final int postgresPort = freePort();
    private final int kafkaPort = freePort();
    private final Results results = new Results();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private LocalStack stack;
    private Api api;

    private SideBySide(Sizes sizes, Path dataDir) {
        this.sizes = sizes;
        this.dataDir = dataDir;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Sizes sizes;
        try {
            sizes = Sizes.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path dataDir = sizes.dataDir().orElse(Files.createTempDirectory("budget-bench"));
        SideBySide bench = new SideBySide(sizes, dataDir);
        try {
            bench.run();
        } finally {
            bench.stop();
        }
    }

    private void run() throws Exception {
        Instant began = Instant.now();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Profile.preloadStatements(dataDir.resolve("postgres"));
        start(List.of());
        String serverPrefix = stack.jdbcUrl(Service.COMMAND).replace(Service.COMMAND.database(), "");
        try (Connection db = DriverManager.getConnection(serverPrefix + "postgres", "postgres", "postgres");
                Statement sql = db.createStatement()) {
            sql.execute("create database bench");
        }
        String scratch = serverPrefix + "bench";
        PlainSql plain = new PlainSql(scratch);
        String command = stack.url(Service.COMMAND);

        // department-years of the run, opened by the budget office's user (admin may everything)
        String plenty = "1000000000.00";
        api.importAll(command, Api.ADMIN, bytes(Ledger.openYear(REST, sizes.restLines(), plenty)));
        api.importAll(command, Api.ADMIN, bytes(Ledger.openYear(IMPORT, sizes.restLines(), plenty)));
        api.importAll(command, Api.ADMIN, bytes(Ledger.openYear(SMALL, 10, plenty)));
        api.importAll(command, Api.ADMIN, bytes(Ledger.openYear(ALERT_IDLE, sizes.alertSamples(), "100.00")));
        api.importAll(command, Api.ADMIN, bytes(Ledger.openYear(ALERT_LOADED, sizes.alertSamples(), "100.00")));
        plain.prepare(sizes.restLines(), new BigDecimal(plenty));

        // row 1 (and the "0 stored" half of row 6)
        rest(16, sizes.warmupSeconds());
        plain.payments(16, sizes.warmupSeconds(), sizes.restLines(), run + "-warm");
        Throughput atSixteen = null;
        for (int c : CONCURRENCY) {
            Throughput ours = rest(c, sizes.restSeconds());
            Throughput baseline = plain.payments(c, sizes.restSeconds(), sizes.restLines(), run + "-c" + c);
            results.row(
                    "1",
                    "REST disbursements, c=" + c + ", " + sizes.restLines() + " lines (" + sizes.restSeconds()
                            + " s each)",
                    ours.describe("commands"),
                    "plain-SQL transaction: " + baseline.describe("tx"),
                    ours.perSecond() / baseline.perSecond(),
                    Results.figures(ours).set("baseline", Results.figures(baseline)));
            results.concurrency(ours, baseline);
            if (c == 16) {
                atSixteen = ours;
            }
        }
        long storedAtRowOne = new EventStoreFill(stack.jdbcUrl(Service.COMMAND)).head();

        // profile of the REST path: a separate, profiled pass at c=16 (row 1 itself ran without JFR)
        Path restRecording = dataDir.resolve("command-rest.jfr");
        Profile.resetStatements(scratch);
        Profile.startRecording(stack.pid(Service.COMMAND), restRecording);
        Throughput profiled = rest(16, sizes.restSeconds());
        Profile.stopRecording(stack.pid(Service.COMMAND));
        List<String> restProfile = new ArrayList<>();
        restProfile.add("A pass of REST disbursements at c=16 for " + sizes.restSeconds() + " s with JFR and"
                + " pg_stat_statements: " + profiled.describe("commands") + ".");
        restProfile.add("");
        restProfile.addAll(Profile.statements(scratch, Service.COMMAND.database(), profiled.ok(), "command"));
        restProfile.add("");
        restProfile.add(Profile.cpu(restRecording, profiled.seconds(), profiled.ok(), "command") + ".");
        restProfile.add("");
        restProfile.addAll(Profile.hotMethods(restRecording));
        results.section("Profile: REST disbursements (c=16)", restProfile);

        // row 2, profiled the same way
        byte[] ndjson = Ledger.payments(IMPORT, sizes.restLines(), sizes.importLines());
        byte[] csv = Ledger.paymentsCsv(IMPORT, sizes.restLines(), sizes.importLines());
        Path importRecording = dataDir.resolve("command-import.jfr");
        Profile.resetStatements(scratch);
        Profile.startRecording(stack.pid(Service.COMMAND), importRecording);
        ProcessCpu importCpu = stackCpu();
        long begin = System.nanoTime();
        JsonNode report = api.importAll(command, Api.RECORDER, bytes(ndjson));
        double importSeconds = (System.nanoTime() - begin) / 1e9;
        List<String> importCpuByProcess = importCpu.report(sizes.importLines(), "line");
        Profile.stopRecording(stack.pid(Service.COMMAND));
        double copySeconds = plain.copy(csv);
        double importRate = sizes.importLines() / importSeconds;
        double copyRate = sizes.importLines() / copySeconds;
        results.row(
                "2",
                String.format(
                        "import of %,d disbursement lines, POST /api/v1/imports (one request)", sizes.importLines()),
                String.format(
                        "%.1f s = %,.0f lines/s (%d accepted)",
                        importSeconds, importRate, report.path("accepted").asLong()),
                String.format("COPY of the same rows (CSV, keyed table): %.2f s = %,.0f rows/s", copySeconds, copyRate),
                importRate / copyRate,
                Api.JSON
                        .createObjectNode()
                        .put("lines", sizes.importLines())
                        .put("seconds", importSeconds)
                        .put("copySeconds", copySeconds));
        List<String> importProfile = new ArrayList<>();
        importProfile.add("The import of row 2 itself, recorded with JFR and pg_stat_statements (JFR's overhead is in"
                + " row 2's figure).");
        importProfile.add("");
        importProfile.addAll(Profile.statements(scratch, Service.COMMAND.database(), sizes.importLines(), "line"));
        importProfile.add("");
        importProfile.add(Profile.cpu(importRecording, importSeconds, sizes.importLines(), "line") + ".");
        importProfile.add("");
        importProfile.addAll(importCpuByProcess);
        importProfile.add("");
        importProfile.addAll(Profile.hotMethods(importRecording));
        results.section("Profile: import", importProfile);

        // row 3
        String query = stack.url(Service.QUERY);
        String bootstrap = "127.0.0.1:" + kafkaPort;
        api.awaitPosition(query, report.path("position").asLong(), Duration.ofHours(1));
        List<AlertStages.Sample> idleSamples = new ArrayList<>();
        List<AlertStages.Sample> loadedSamples = new ArrayList<>();
        Latencies idle;
        try (AlertStages watch = new AlertStages(bootstrap, EVENTS_TOPIC, ALERT_IDLE)) {
            idle = AlertLatency.alerts(api, command, query, ALERT_IDLE, sizes.alertSamples(), idleSamples);
            results.section(
                    "Row 3 stages, idle",
                    watch.breakdown(
                            "idle",
                            ALERT_IDLE,
                            Ledger.YEAR,
                            idleSamples,
                            stack.jdbcUrl(Service.COMMAND),
                            stack.jdbcUrl(Service.QUERY)));
        }
        Latencies kafkaIdle = AlertLatency.kafka(bootstrap, sizes.alertSamples());
        String flowed;
        Latencies loaded;
        Latencies kafkaLoaded;
        try (AlertStages watch = new AlertStages(bootstrap, EVENTS_TOPIC, ALERT_LOADED);
                PaymentFlow flow =
                        new PaymentFlow(api, command, REST, sizes.restLines(), sizes.loadRate(), run + "-flow")) {
            Thread.sleep(2_000);
            // query-service's statements while the payments flow: the consumer's batches and the evaluations
            Profile.resetStatements(scratch);
            long acceptedBefore = flow.accepted();
            // where the two cores go while the samples are taken: the latency is queueing only if they are busy
            ProcessCpu loadedCpu = stackCpu();
            loaded = AlertLatency.alerts(api, command, query, ALERT_LOADED, sizes.alertSamples(), loadedSamples);
            List<String> loadedCpuByProcess =
                    loadedCpu.report(Math.max(1, flow.accepted() - acceptedBefore), "payment");
            kafkaLoaded = AlertLatency.kafka(bootstrap, sizes.alertSamples());
            flowed = flow.describe();
            List<String> readerProfile = new ArrayList<>();
            readerProfile.add("query-service's statements (pg_stat_statements) while row 3's samples were taken under"
                    + " load, per payment accepted meanwhile (the refusals and their alerts are in the same counts).");
            readerProfile.add("");
            readerProfile.addAll(Profile.statements(
                    scratch, Service.QUERY.database(), Math.max(1, flow.accepted() - acceptedBefore), "payment"));
            readerProfile.add("");
            readerProfile.add("The machine while those samples were taken (the payments of the flow, the refusals and"
                    + " their alerts; per payment accepted meanwhile):");
            readerProfile.add("");
            readerProfile.addAll(loadedCpuByProcess);
            results.section("Profile: query-service under row 3's load", readerProfile);
            results.section(
                    "Row 3 stages, while " + sizes.loadRate() + " payments/s are sent",
                    watch.breakdown(
                            "under load",
                            ALERT_LOADED,
                            Ledger.YEAR,
                            loadedSamples,
                            stack.jdbcUrl(Service.COMMAND),
                            stack.jdbcUrl(Service.QUERY)));
        }
        results.row(
                "3",
                "refused payment → OVERSPEND_ATTEMPT on an SSE subscriber, idle (" + sizes.alertSamples() + " samples)",
                millis(idle),
                "Kafka produce → consume (acks=all): " + millis(kafkaIdle),
                kafkaIdle.percentileMillis(99) / idle.percentileMillis(99),
                latencyFigures(idle, kafkaIdle));
        results.row(
                "3",
                "same, while " + sizes.loadRate() + " payments/s are sent (" + flowed + ")",
                millis(loaded),
                "Kafka produce → consume (acks=all): " + millis(kafkaLoaded),
                kafkaLoaded.percentileMillis(99) / loaded.percentileMillis(99),
                latencyFigures(loaded, kafkaLoaded));

        // row 5: a department-year of ~1,000 events against the import's ~100,000
        JsonNode small =
                api.importAll(command, Api.RECORDER, bytes(Ledger.payments(SMALL, 10, sizes.smallYear() - 11)));
        String scoring = stack.url(Service.SCORING);
        api.awaitPosition(scoring, small.path("position").asLong(), Duration.ofHours(1));
        double smallMs = evaluation(scoring, SMALL);
        double bigMs = evaluation(scoring, IMPORT);
        results.row(
                "5",
                String.format(
                        "evaluation snapshot, %,d vs %,d events in the department-year (median of 5)",
                        sizes.smallYear(), sizes.importLines() + sizes.restLines() + 1),
                String.format("%.0f ms (%,d events)", bigMs, sizes.importLines() + sizes.restLines() + 1),
                String.format("%.0f ms (%,d events)", smallMs, sizes.smallYear()),
                bigMs / smallMs,
                Api.JSON.createObjectNode().put("smallMs", smallMs).put("bigMs", bigMs));

        // part 4: C1 only (the run command's default) against the full JIT, steady state, c=16
        if (sizes.jit()) {
            List<String> jit = new ArrayList<>();
            jit.add("REST disbursements at c=16 after a fresh stack start and " + 2 * sizes.warmupSeconds()
                    + " s of warm-up at c=16, then " + sizes.jitSeconds() + " s measured; same data directory.");
            jit.add("");
            jit.add("| JIT | REST c=16 at steady state |");
            jit.add("|---|---|");
            for (List<String> options : List.of(List.of("-XX:TieredStopAtLevel=4"), List.<String>of())) {
                restart(options);
                rest(16, 2.0 * sizes.warmupSeconds());
                Throughput steady = rest(16, sizes.jitSeconds());
                jit.add("| "
                        + (options.isEmpty()
                                ? "C1 only (`-XX:TieredStopAtLevel=1`, default)"
                                : "full JIT (`" + options.get(0) + "`)")
                        + " | " + steady.describe("commands") + " |");
            }
            results.section("Part 4: C1 only against the full JIT", jit);
        }

        // rows 4 and 7: the district
        EventStoreFill store = new EventStoreFill(stack.jdbcUrl(Service.COMMAND));
        long beforeFill = store.head();
        begin = System.nanoTime();
        long departments = store.fillTo(sizes.district(), "DIST-");
        double fillSeconds = (System.nanoTime() - begin) / 1e9;
        long head = store.head();
        store.awaitPublished(head);
        api.awaitPosition(stack.url(Service.QUERY), head, Duration.ofHours(3));
        double queryCaughtUp = (System.nanoTime() - begin) / 1e9;
        api.awaitPosition(stack.url(Service.SCORING), head, Duration.ofHours(3));
        double scoringCaughtUp = (System.nanoTime() - begin) / 1e9;
        results.section(
                "The district",
                List.of(String.format(
                        "%,d copies of the demo year (BY-SJ 2021) added by SQL in %.0f s (%,.0f events/s through the hash-chain"
                                + " trigger); store head %,d. Published and applied by query-service %.0f s and by scoring-service"
                                + " %.0f s after the fill began (publisher and readers ran during the fill).",
                        departments,
                        fillSeconds,
                        (head - storedAtRowOne) / fillSeconds,
                        head,
                        queryCaughtUp,
                        scoringCaughtUp)));
        String queryDb = stack.jdbcUrl(Service.QUERY);
        long logged = count(queryDb, "select count(*) from event_log");
        begin = System.nanoTime();
        api.ok("POST", stack.url(Service.QUERY) + "/api/v1/admin/rebuild", Api.ADMIN, null);
        double rebuildSeconds = (System.nanoTime() - begin) / 1e9;
        double readSeconds = sequentialRead(queryDb);
        results.row(
                "4",
                String.format("query-service rebuild of %,d events (POST /api/v1/admin/rebuild)", logged),
                String.format("%.1f s = %,.0f events/s", rebuildSeconds, logged / rebuildSeconds),
                String.format(
                        "sequential read of its event_log (JDBC, every column): %.1f s = %,.0f events/s",
                        readSeconds, logged / readSeconds),
                readSeconds / rebuildSeconds,
                Api.JSON
                        .createObjectNode()
                        .put("events", logged)
                        .put("rebuildSeconds", rebuildSeconds)
                        .put("readSeconds", readSeconds));
        for (Service service : Service.values()) {
            Memory memory = Memory.of(stack.pid(service));
            results.row(
                    "7",
                    service.artifact() + String.format(" after the %,d-event district", head),
                    memory.describe(),
                    "—",
                    Double.NaN,
                    memory.json());
        }

        // row 6: the same c=16 load with the store filled (the stack stopped while filling)
        stack.close();
        stack = null;
        begin = System.nanoTime();
        long storeDepartments;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.builder()
                .dataDirectory(dataDir.resolve("postgres"))
                .port(postgresPort)
                .build()
                .start()) {
            EventStoreFill full = new EventStoreFill(postgres.jdbcUrl(Service.COMMAND.database()));
            storeDepartments = full.fillTo(sizes.stored(), "STORE-");
            full.markPublished();
            head = full.head();
        }
        double storedFill = (System.nanoTime() - begin) / 1e9;
        start(List.of());
        rest(16, sizes.warmupSeconds());
        Throughput filled = rest(16, sizes.restSeconds());
        results.row(
                "6",
                String.format("REST c=16 with %,d vs %,d events stored", head, storedAtRowOne),
                String.format("%,d stored: %s", head, filled.describe("commands")),
                String.format("%,d stored (row 1): %s", storedAtRowOne, atSixteen.describe("commands")),
                filled.perSecond() / atSixteen.perSecond(),
                Results.figures(filled).set("empty", Results.figures(atSixteen)));
        results.section(
                "How the store was filled for row 6",
                List.of(String.format(
                        "With the stack stopped, %,d more copies of the demo year were added by SQL (same INSERT … SELECT,"
                                + " hash-chain trigger on) in %.0f s, and the Kafka publisher's token was moved to the head"
                                + " (the events count as published long ago: the readers do not replay them). Then the stack"
                                + " was started again and warmed up for %d s at c=16 before the measurement.",
                        storeDepartments, storedFill, sizes.warmupSeconds())));

        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        String stamp = began.toString().replace(':', '-');
        List<String> head1 = List.of(
                "# Side-by-side benchmark, " + began,
                "",
                "`bench/run " + String.join(" ", sizesArgs()) + "` on "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, Java " + Runtime.version() + "; embedded PostgreSQL 16 (fsync on, synchronous_commit"
                        + " on), embedded Kafka 3.9; services with the run command's JVM options (`-Xmx512m"
                        + " -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError`) unless a row says otherwise. Load average"
                        + " before: " + loadBefore + "; after: " + loadAfter + " (a shared machine). Took "
                        + Duration.between(began, Instant.now()).toMinutes() + " min.");
        results.note("started", began.toString());
        results.note("loadBefore", loadBefore);
        results.note("loadAfter", loadAfter);
        Path written = results.write(Path.of("bench", "results"), stamp, head1);
        System.out.println("written to " + written + " (and .json, .svg)");
    }

    private List<String> sizesArgs() {
        return List.of(
                "--seconds=" + sizes.restSeconds(),
                "--import=" + sizes.importLines(),
                "--district=" + sizes.district(),
                "--stored=" + sizes.stored());
    }

    private Throughput rest(int clients, double seconds) throws InterruptedException {
        String command = stack.url(Service.COMMAND);
        String prefix = run + "-" + Long.toString(System.nanoTime(), 36);
        return Throughput.run(clients, seconds, client -> (c, n) -> {
            String line = Ledger.line(1 + ThreadLocalRandom.current().nextInt(sizes.restLines()));
            Api.Answer answer = api.send(
                    "POST",
                    command + "/api/v1/departments/" + REST + "/years/" + Ledger.YEAR + "/lines/" + line
                            + "/disbursements",
                    Api.RECORDER,
                    new Ledger.Payment(REST, line, prefix + "-" + c + "-" + n, "1.00", LocalDate.of(Ledger.YEAR, 6, 1))
                            .json());
            if (answer.status() != 201 && answer.status() != 200) {
                throw new IllegalStateException(answer.status() + " " + answer.body());
            }
        });
    }

    /** Starts counting the CPU of the stack's processes, following command-service's busiest request thread. */
    private ProcessCpu stackCpu() {
        return ProcessCpu.start(
                Map.of(
                        stack.pid(Service.COMMAND), "command-service",
                        stack.pid(Service.QUERY), "query-service",
                        stack.pid(Service.SCORING), "scoring-service"),
                dataDir.resolve("postgres"),
                stack.pid(Service.COMMAND));
    }

    private double evaluation(String scoring, String department) throws Exception {
        double[] millis = new double[5];
        for (int i = -1; i < millis.length; i++) { // the first call is not counted: no cold start in either
            long begin = System.nanoTime();
            api.ok(
                    "POST",
                    scoring + "/api/v1/evaluations",
                    Api.EVALUATOR,
                    "{\"department\":\"" + department + "\",\"fiscalYear\":" + Ledger.YEAR + "}");
            if (i >= 0) {
                millis[i] = (System.nanoTime() - begin) / 1e6;
            }
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    private static double sequentialRead(String url) throws Exception {
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
            db.setAutoCommit(false);
            long begin = System.nanoTime();
            try (Statement sql = db.createStatement()) {
                sql.setFetchSize(5_000);
                try (ResultSet rows = sql.executeQuery("select * from event_log order by position")) {
                    int columns = rows.getMetaData().getColumnCount();
                    long chars = 0;
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = rows.getString(i);
                            chars += value == null ? 0 : value.length();
                        }
                    }
                    if (chars < 0) {
                        throw new IllegalStateException();
                    }
                }
            }
            db.commit();
            return (System.nanoTime() - begin) / 1e9;
        }
    }

    private static long count(String url, String query) throws Exception {
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String millis(Latencies latencies) {
        return String.format(
                "p50 %.1f ms, p99 %.1f ms", latencies.percentileMillis(50), latencies.percentileMillis(99));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode latencyFigures(Latencies ours, Latencies baseline) {
        return Api.JSON
                .createObjectNode()
                .put("p50ms", ours.percentileMillis(50))
                .put("p99ms", ours.percentileMillis(99))
                .put("baselineP50ms", baseline.percentileMillis(50))
                .put("baselineP99ms", baseline.percentileMillis(99));
    }

    private void start(List<String> javaOptions) {
        List<String> args = new ArrayList<>(List.of(
                "--data-dir=" + dataDir,
                "--command-port=0",
                "--query-port=0",
                "--scoring-port=0",
                "--postgres-port=" + postgresPort,
                "--kafka-port=" + kafkaPort,
                "--demo-password=" + sizes.password()));
        if (!javaOptions.isEmpty()) {
            args.add("--java-options=" + String.join(" ", javaOptions));
        }
        StackSettings settings = StackSettings.parse(args.toArray(String[]::new), Map.of());
        stack = new LocalStack(settings, line -> System.out.println("[stack] " + line)).start();
        api = new Api(stack.demoUsers());
    }

    private void restart(List<String> javaOptions) {
        stack.close();
        stack = null;
        start(javaOptions);
    }

    private void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    private static java.util.function.Supplier<java.io.InputStream> bytes(byte[] content) {
        return () -> new ByteArrayInputStream(content);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
