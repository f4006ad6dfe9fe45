package io.budgetmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.stack.DemoLoader;
import io.budgetmonitor.stack.DemoUsersFile;
import io.budgetmonitor.stack.LocalStack;
import io.budgetmonitor.stack.Service;
import io.budgetmonitor.stack.StackSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A synthetic district: the Shijing 2021 year replayed for N departments (BY-SJ-001 …), measured
 * stage by stage on the local stack — import rate through command-service, catch-up rate of each
 * reader started on the full log, a full query-service rebuild, and evaluation snapshots; with
 * {@code --big}, one department-year of 100,000 disbursements. It calls as the demo user {@code admin}
 * (rebuilds and digests are ADMIN's), with the password the stack wrote to the bench's data directory.
 */
public final class DistrictBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int IMPORTERS = 2;

    private final List<String> results = new ArrayList<>();
    private final Path dataDir;

    private DistrictBench(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static void main(String[] args) throws Exception {
        int departments = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 100;
        boolean big = List.of(args).contains("--big");
        DistrictBench bench = new DistrictBench(Files.createTempDirectory("budget-bench"));
        bench.run(departments, big);
    }

    private void run(int departments, boolean big) throws Exception {
        String demo;
        try (InputStream in = LocalStack.class.getResourceAsStream(DemoLoader.DEMO_RESOURCE)) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        results.add("| measure | figure |");
        results.add("|---|---|");
        record("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        long position;
        long lines = 0;
        try (LocalStack stack = start("command")) {
            DemoLoader loader = new DemoLoader(dataDir);
            Instant begin = Instant.now();
            // departments are independent aggregates: two importers keep both cores busy
            java.util.concurrent.ExecutorService importers =
                    java.util.concurrent.Executors.newFixedThreadPool(IMPORTERS);
            List<java.util.concurrent.Future<JsonNode>> imports = new ArrayList<>();
            for (int i = 1; i <= departments; i++) {
                String scenario = demo.replace("\"department\":\"BY-SJ\"", "\"department\":\"" + department(i) + "\"");
                byte[] bytes = scenario.getBytes(StandardCharsets.UTF_8);
                imports.add(importers.submit(() ->
                        loader.load(() -> new ByteArrayInputStream(bytes), stack.url(Service.COMMAND), List.of())));
            }
            JsonNode report = null;
            for (var done : imports) {
                JsonNode one = done.get();
                lines += one.path("accepted").asLong() + one.path("rejected").size();
                report = report == null
                                || one.path("position").asLong()
                                        > report.path("position").asLong()
                        ? one
                        : report;
            }
            importers.shutdown();
            if (big) {
                report = loader.load(() -> bigYear(100_000), stack.url(Service.COMMAND), List.of());
                lines += report.path("accepted").asLong()
                        + report.path("rejected").size();
            }
            position = report.path("position").asLong();
            awaitPublisher(stack, position);
            double seconds = seconds(begin);
            record(
                    "import through POST /api/v1/imports (" + IMPORTERS + " concurrent importers)",
                    String.format(
                            "%,d lines in %.1f s = %,.0f lines/s (log position %,d)",
                            lines, seconds, lines / seconds, position));
        }
        try (LocalStack stack = start("query")) {
            Instant begin = Instant.now();
            new DemoLoader(dataDir).awaitPosition(stack.url(Service.QUERY), position, Duration.ofHours(2));
            double seconds = seconds(begin);
            record(
                    "query-service catch-up on the whole log",
                    String.format("%.1f s = %,.0f events/s", seconds, position / seconds));
            String before = send("GET", stack.url(Service.QUERY) + "/api/v1/admin/digest", null);
            begin = Instant.now();
            String rebuild = send("POST", stack.url(Service.QUERY) + "/api/v1/admin/rebuild", null);
            record("query-service full rebuild", String.format("%.1f s (%s)", seconds(begin), abbreviate(rebuild)));
            String after = send("GET", stack.url(Service.QUERY) + "/api/v1/admin/digest", null);
            record(
                    "rebuild digest equals live digest",
                    String.valueOf(JSON.readTree(before).equals(JSON.readTree(after))));
        }
        try (LocalStack stack = start("scoring")) {
            Instant begin = Instant.now();
            new DemoLoader(dataDir).awaitPosition(stack.url(Service.SCORING), position, Duration.ofHours(2));
            double seconds = seconds(begin);
            record(
                    "scoring-service catch-up on the whole log",
                    String.format("%.1f s = %,.0f events/s", seconds, position / seconds));
            String scoring = stack.url(Service.SCORING);
            begin = Instant.now();
            String one = evaluate(scoring, department(1));
            record(
                    "one evaluation snapshot (4,760-line year)",
                    String.format(
                            "%.0f ms, total %s",
                            seconds(begin) * 1000,
                            JSON.readTree(one).path("total").asText()));
            begin = Instant.now();
            for (int i = 1; i <= departments; i++) {
                evaluate(scoring, department(i));
            }
            record("snapshots of all " + departments + " departments", String.format("%.1f s", seconds(begin)));
            if (big) {
                begin = Instant.now();
                String bigOne = evaluate(scoring, "BY-BIG");
                record(
                        "one evaluation snapshot (100,000 disbursements)",
                        String.format(
                                "%.0f ms, total %s",
                                seconds(begin) * 1000,
                                JSON.readTree(bigOne).path("total").asText()));
            }
        }
        Path out = Path.of("bench", "results");
        Files.createDirectories(out);
        Path file = out.resolve(Instant.now().toString().replace(':', '-') + ".md");
        Files.write(file, results);
        results.forEach(System.out::println);
        System.out.println("written to " + file);
    }

    /** The readers can only catch up on what was published: wait for the Kafka publisher's token. */
    private static void awaitPublisher(LocalStack stack, long position) throws Exception {
        try (java.sql.Connection db =
                java.sql.DriverManager.getConnection(stack.jdbcUrl(Service.COMMAND), "postgres", "postgres")) {
            while (true) {
                try (var rows = db.createStatement()
                        .executeQuery("select token from token_entry where processor_name = 'kafka-publisher'")) {
                    if (rows.next()) {
                        JsonNode token = JSON.readTree(rows.getString(1));
                        if (token.path("index").asLong() >= position
                                && token.path("gaps").isEmpty()) {
                            return;
                        }
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    private LocalStack start(String only) {
        StackSettings settings = StackSettings.parse(
                new String[] {
                    "--data-dir=" + dataDir,
                    "--only=" + only,
                    "--no-demo",
                    "--command-port=0",
                    "--query-port=0",
                    "--scoring-port=0",
                    "--postgres-port=0",
                    "--kafka-port=0",
                    // throughput, not start-up time: the full JIT (the run command's default is C1 only)
                    "--java-options=-XX:TieredStopAtLevel=4"
                },
                Map.of());
        return new LocalStack(settings, line -> System.out.println("[stack] " + line)).start();
    }

    private String evaluate(String scoring, String department) throws IOException, InterruptedException {
        return send(
                "POST", scoring + "/api/v1/evaluations", "{\"department\":\"" + department + "\",\"fiscalYear\":2021}");
    }

    /** One department-year whose ledger is {@code disbursements} small payments out of one line. */
    private static InputStream bigYear(int disbursements) {
        StringBuilder out = new StringBuilder();
        String head = "{\"department\":\"BY-BIG\",\"fiscalYear\":2021,";
        out.append(head)
                .append("\"type\":\"OpenFiscalYear\",\"departmentName\":\"基准测试部门\",\"occurredOn\":\"2021-01-01\"}\n");
        out.append(head)
                .append(
                        "\"type\":\"AllocateBudget\",\"line\":\"GP-PRJ-01\",\"name\":\"项目支出\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\","
                                + "\"expenditureType\":\"PROJECT\",\"threePublic\":\"NONE\",\"appropriation\":true,\"amount\":\"100000000.00\",\"occurredOn\":\"2021-01-01\"}\n");
        LocalDate day = LocalDate.of(2021, 1, 4);
        for (int i = 1; i <= disbursements; i++) {
            LocalDate paid = day.plusDays((long) (i - 1) * 360 / disbursements);
            out.append(head)
                    .append("\"type\":\"RecordDisbursement\",\"line\":\"GP-PRJ-01\",\"voucher\":\"B-")
                    .append(i)
                    .append("\",\"amount\":\"")
                    .append(500 + i % 700)
                    .append(".00\",\"payee\":\"某服务公司\","
                            + "\"purpose\":\"日常项目支出\",\"procurement\":false,\"occurredOn\":\"")
                    .append(paid)
                    .append("\"}\n");
        }
        return new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String department(int i) {
        return String.format("BY-SJ-%03d", i);
    }

    private String send(String method, String url, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofHours(1))
                .header("Authorization", DemoUsersFile.read(dataDir).authorization(DemoUsersFile.ADMIN));
        request = json == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private void record(String what, String figure) {
        String line = "| " + what + " | " + figure + " |";
        results.add(line);
        System.out.println("[bench] " + what + ": " + figure);
    }
}
