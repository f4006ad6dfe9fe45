package io.budgetmonitor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.security.DemoUsers;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The product end to end, started the way the run command starts it (same entry point, a fresh
 * data directory, free ports): embedded PostgreSQL and Kafka, the three services as their own JVMs,
 * the Shijing 2021 demo year imported through {@code POST /api/v1/imports}. Every call signs in as
 * the demo user whose role it needs, with the password the stack wrote to the data directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoYearEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Path dataDir;
    static LocalStack stack;
    static long demoLines;
    static JsonNode evaluation;
    /** username → password, read from {@code <data-dir>/demo-users.txt} the way the services read it. */
    static Map<String, String> passwords;
    /** The dashboard in headless Chromium, opened by the first browser step. */
    static DashboardBrowser browser;
    /** What the launcher says (Main prints the same lines). */
    static final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTheStack() throws IOException {
        dataDir = Files.createTempDirectory("budget-monitor-e2e");
        stack = new LocalStack(settings(dataDir), DemoYearEndToEndTest::say).start();
        passwords = DemoUsers.readFile(dataDir.resolve("demo-users.txt"));
        try (InputStream demo = LocalStack.class.getResourceAsStream(DemoLoader.DEMO_RESOURCE)) {
            demoLines = new String(demo.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .count();
        }
    }

    @AfterAll
    static void stopTheStack() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static void say(String line) {
        System.out.println("[stack] " + line);
        output.add(line);
    }

    static StackSettings settings(Path dataDir) {
        return StackSettings.parse(
                new String[] {
                    "--data-dir=" + dataDir,
                    "--command-port=0",
                    "--query-port=0",
                    "--scoring-port=0",
                    "--postgres-port=0",
                    "--kafka-port=0"
                },
                Map.of());
    }

    /**
     * The door itself: no credentials, 401 with a challenge; a viewer asking to write, 403. (The only
     * assertions here that need the services to be secured.)
     */
    @Test
    @Order(0)
    void noCredentialsAre401AndAViewersWriteIs403() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(stack.url(Service.QUERY) + "/api/v1/departments/BY-SJ/years/2021/execution"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("a read without credentials").isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate"))
                .anySatisfy(c -> assertThat(c).startsWith("Basic"));

        HttpResponse<String> viewerWrites = post(
                "viewer",
                stack.url(Service.SCORING) + "/api/v1/evaluations",
                "{\"department\":\"BY-SJ\",\"fiscalYear\":2021}");
        assertThat(viewerWrites.statusCode())
                .as("a viewer taking an evaluation")
                .isEqualTo(403);
    }

    @Test
    @Order(1)
    void everyLineOfTheDemoYearIsImported() {
        JsonNode report = stack.importReport().orElseThrow();
        assertThat(report.path("rejected"))
                .as("rejected lines: %s", report.path("rejected"))
                .isEmpty();
        assertThat(report.path("duplicates").asLong()).isZero();
        assertThat(report.path("accepted").asLong()).isEqualTo(demoLines);
        assertThat(report.path("position").asLong()).isPositive();
    }

    @Test
    @Order(2)
    void theEventStoreHoldsTheYearsTotalsAsReadableJson() throws SQLException {
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(Service.COMMAND), "postgres", "postgres")) {
            // what an auditor would type: the payloads are plain JSON
            BigDecimal disbursed = sum(db, "DisbursementRecorded", "amount");
            BigDecimal reversed = sum(db, "DisbursementReversed", "amount");
            BigDecimal allocated = sum(db, "BudgetAllocated", "amount");
            assertThat(disbursed.subtract(reversed)).isEqualByComparingTo("150426500.00");
            assertThat(allocated).isPositive();
        }
    }

    private static BigDecimal sum(Connection db, String eventName, String field) throws SQLException {
        try (var statement = db.prepareStatement(
                "select coalesce(sum((payload::jsonb ->> ?)::numeric), 0) from domain_event_entry where payload_type like ?")) {
            statement.setString(1, field);
            statement.setString(2, "%" + eventName);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBigDecimal(1);
            }
        }
    }

    @Test
    @Order(3)
    void theMonitorShowsTheSeedsExecutionFigures() throws Exception {
        JsonNode execution = get("viewer", stack.url(Service.QUERY) + "/api/v1/departments/BY-SJ/years/2021/execution");
        assertThat(execution.path("budget").asText()).isEqualTo("160610200.00");
        assertThat(execution.path("executed").asText()).isEqualTo("150426500.00");
        assertThat(execution.path("executionRate").asText()).isEqualTo("0.9366");
        assertThat(execution.path("basic").path("executionRate").asText()).isEqualTo("0.8640");
        assertThat(execution.path("averageQuarterlyRate").asText()).isEqualTo("0.9795");
        assertThat(execution.path("quarters").get(1).path("scoredRate").asText())
                .isEqualTo("1.0000");
        for (int q : new int[] {0, 2, 3}) {
            assertThat(new BigDecimal(
                            execution.path("quarters").get(q).path("scoredRate").asText()))
                    .isLessThan(BigDecimal.ONE);
        }
    }

    @Test
    @Order(4)
    void theYearEndEvaluationReproducesTheSeedToTheCent() throws Exception {
        HttpResponse<String> response = post(
                "evaluator",
                stack.url(Service.SCORING) + "/api/v1/evaluations",
                "{\"department\":\"BY-SJ\",\"fiscalYear\":2021,\"rubric\":\"baiyun-2022\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        evaluation = JSON.readTree(response.body());
        assertThat(evaluation.path("total").decimalValue()).isEqualByComparingTo("90.25");
        assertThat(evaluation.path("grade").asText()).isEqualTo("优");
        assertThat(evaluation.path("parts").path("A").path("points").decimalValue())
                .isEqualByComparingTo("42.25");
        assertThat(evaluation.path("parts").path("B").path("points").decimalValue())
                .isEqualByComparingTo("48");
        Map<String, String> seed = new java.util.LinkedHashMap<>();
        seed.put("A1", "15.33");
        seed.put("A1.1", "1.87");
        seed.put("A1.2", "3");
        seed.put("A1.3", "2");
        seed.put("A1.4", "1.5");
        seed.put("A1.5", "1.96");
        seed.put("A1.6", "2");
        seed.put("A1.7", "3");
        seed.put("A2", "2");
        seed.put("A3", "4");
        seed.put("A4", "4");
        seed.put("A5", "4");
        seed.put("A6", "12.92");
        seed.put("A6.1", "2.5");
        seed.put("A6.2", "2");
        seed.put("A6.3", "2");
        seed.put("A6.4", "1.92");
        seed.put("A6.5", "3");
        seed.put("A6.6", "1.5");
        Map<String, JsonNode> byCode = new java.util.HashMap<>();
        evaluation.path("indicators").forEach(i -> byCode.put(i.path("code").asText(), i));
        evaluation.path("tasks").forEach(t -> byCode.putIfAbsent(t.path("code").asText(), t));
        seed.forEach((code, points) -> {
            assertThat(byCode.get(code)).as(code).isNotNull();
            assertThat(byCode.get(code).path("points").decimalValue()).as(code).isEqualByComparingTo(points);
        });
        String[] tasks = {"8", "8", "10", "8", "6", "8", "0"};
        for (int t = 0; t < tasks.length; t++) {
            String code = "B" + (t + 1);
            assertThat(byCode.get(code)).as(code).isNotNull();
            assertThat(byCode.get(code).path("points").decimalValue()).as(code).isEqualByComparingTo(tasks[t]);
        }
        assertThat(byCode.get("A1.1").path("value").asText()).isEqualTo("0.9366");
        assertThat(byCode.get("A1.1").path("explanation").asText())
                .contains("93.66%")
                .contains("1.87");
        assertThat(evaluation.path("position").asLong())
                .isGreaterThanOrEqualTo(
                        stack.importReport().orElseThrow().path("position").asLong());
    }

    @Test
    @Order(5)
    void theReportExplainsEveryIndicator() throws Exception {
        HttpResponse<String> report = HTTP.send(
                as(
                                "viewer",
                                HttpRequest.newBuilder(URI.create(stack.url(Service.SCORING) + "/api/v1/evaluations/"
                                        + evaluation.path("id").asText() + "/report")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body())
                .contains("90.25")
                .contains("42.25")
                .contains("预算完成率")
                .contains("1.87")
                .contains("未在规定时间内")
                .contains("746.67%");
    }

    @Test
    @Order(6)
    void anOverspendIsRefusedRecordedAndAlertedToSubscribers() throws Exception {
        BlockingQueue<String> stream = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Void>> subscription = HTTP.sendAsync(
                as(
                                "viewer",
                                HttpRequest.newBuilder(URI.create(
                                        stack.url(Service.QUERY) + "/api/v1/alerts/stream?department=BY-SJ")))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(stream)));
        try {
            // the demo year is closed, so the budget office opens the next year for the attempt
            String ndjson = String.join(
                    "\n",
                    "{\"type\":\"OpenFiscalYear\",\"department\":\"BY-SJ\",\"fiscalYear\":2022,\"departmentName\":\"石井街道\",\"occurredOn\":\"2022-01-01\"}",
                    "{\"type\":\"AllocateBudget\",\"department\":\"BY-SJ\",\"fiscalYear\":2022,\"line\":\"GP-PUB-01\",\"name\":\"商品和服务支出\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PUBLIC_EXPENSE\",\"threePublic\":\"NONE\",\"appropriation\":true,\"amount\":\"1000.00\",\"occurredOn\":\"2022-01-01\"}",
                    "");
            HttpResponse<String> opened = HTTP.send(
                    as(
                                    "budget-office",
                                    HttpRequest.newBuilder(URI.create(stack.url(Service.COMMAND) + "/api/v1/imports")))
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(opened.body()).path("accepted").asInt())
                    .as(opened.body())
                    .isEqualTo(2);
            HttpResponse<String> refused = post(
                    "recorder",
                    stack.url(Service.COMMAND) + "/api/v1/departments/BY-SJ/years/2022/lines/GP-PUB-01/disbursements",
                    "{\"voucher\":\"2022-000001\",\"amount\":\"5000.00\",\"payee\":\"某物业公司\",\"purpose\":\"物业费\",\"procurement\":false,\"occurredOn\":\"2022-01-10\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(JSON.readTree(refused.body()).path("available").asText()).isEqualTo("1000.00");
            String alert = awaitLine(stream, l -> l.contains("OVERSPEND_ATTEMPT"), Duration.ofSeconds(60));
            assertThat(alert).contains("2022");
        } finally {
            subscription.cancel(true);
        }
    }

    @Test
    @Order(7)
    void aRestartOnTheSameDataKeepsTheFiguresAndDoesNotLoadTheDemoTwice() throws Exception {
        long eventsBefore = countEvents();
        List<Long> pids = stack.servicePids();
        stack.close();
        assertThat(pids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false))
                        .as("service process %s still alive after close", pid)
                        .isFalse());
        stack = new LocalStack(settings(dataDir), DemoYearEndToEndTest::say).start();
        assertThat(stack.importReport()).as("demo loaded again").isEmpty();
        assertThat(DemoUsers.readFile(dataDir.resolve("demo-users.txt")))
                .as("the same passwords after a restart")
                .isEqualTo(passwords);
        assertThat(countEvents()).isEqualTo(eventsBefore);
        JsonNode execution = get("viewer", stack.url(Service.QUERY) + "/api/v1/departments/BY-SJ/years/2021/execution");
        assertThat(execution.path("executionRate").asText()).isEqualTo("0.9366");
        HttpResponse<String> again = post(
                "evaluator",
                stack.url(Service.SCORING) + "/api/v1/evaluations",
                "{\"department\":\"BY-SJ\",\"fiscalYear\":2021}");
        assertThat(JSON.readTree(again.body()).path("total").decimalValue()).isEqualByComparingTo("90.25");

        // what the run command prints: the loaded department-year, and no new snapshot while nothing changed
        String snapshots = stack.url(Service.SCORING) + "/api/v1/evaluations?department=BY-SJ&fiscalYear=2021";
        int snapshotsBefore = get("auditor", snapshots).size();
        List<String> summary = new Summary().lines(stack, stack.settings(), stack.loadedDepartmentYear());
        // the demo year is closed: its alerts were resolved with it, nothing is left to act on
        assertThat(String.join("\n", summary))
                .contains("BY-SJ 2021 execution rate: 93.66%")
                .contains("90.25 (优)")
                .contains("alerts to act on (BY-SJ 2021): none")
                .contains(dataDir.resolve("demo-users.txt").toString())
                .contains(passwords.get("viewer"));
        assertThat(get("auditor", snapshots).size()).isEqualTo(snapshotsBefore);
    }

    /**
     * The first run on a build records each service's class archive when it stops (or an earlier run
     * already did): a restart maps it, which is what brings three JVMs up in seconds on two cores.
     */
    @Test
    @Order(8)
    void theRestartedServicesStartFromTheirClassArchives() throws IOException {
        for (long pid : stack.servicePids()) {
            Path maps = Path.of("/proc", Long.toString(pid), "maps");
            assertThat(Files.readString(maps))
                    .as("class archive mapped by service process %s", pid)
                    .contains("classes.jsa");
        }
    }

    /**
     * kill -9 of the query service: the launcher names it and shows its log, restarts it, and the
     * restarted reader resumes where its committed position was, so a disbursement recorded before the
     * kill and one recorded while it was down both count, once each.
     */
    @Test
    @Order(9)
    void aKilledQueryServiceIsReportedRestartedAndMissesNothing() throws Exception {
        String query = stack.url(Service.QUERY);
        long applied = disburse("2022-000101", "100.00").path("position").asLong();
        awaitPosition(query, applied, Duration.ofSeconds(30));
        long pid = stack.pid(Service.QUERY);
        int heardSoFar = output.size();

        Instant killed = Instant.now();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye
        String report =
                awaitOutput(heardSoFar, l -> l.startsWith("query-service exited unexpectedly"), Duration.ofSeconds(10));
        long whileDown = disburse("2022-000102", "200.00").path("position").asLong();
        awaitOutput(heardSoFar, l -> l.startsWith("query-service is back"), Duration.ofSeconds(60));
        awaitPosition(query, whileDown, Duration.ofSeconds(60).minus(Duration.between(killed, Instant.now())));
        System.out.println("query-service back and caught up "
                + Duration.between(killed, Instant.now()).toMillis() + " ms after kill -9");

        assertThat(report)
                .contains("killed by signal 9")
                .contains(logOf(Service.QUERY).toString());
        List<String> shown = report.lines()
                .filter(l -> l.startsWith("  | "))
                .map(l -> l.substring(4))
                .toList();
        assertThat(shown).as("log lines in the report").isNotEmpty().hasSizeLessThanOrEqualTo(20);
        assertThat(Files.readAllLines(logOf(Service.QUERY))).containsAll(shown);
        assertThat(stack.pid(Service.QUERY)).isNotEqualTo(pid);
        assertThat(heardSince(heardSoFar)).anyMatch(l -> l.startsWith("restarting query-service in 1 s"));

        JsonNode execution = get("viewer", query + "/api/v1/departments/BY-SJ/years/2022/execution");
        assertThat(execution.path("executed").asText())
                .as("both disbursements, once each")
                .isEqualTo("300.00");
        JsonNode live = get("auditor", query + "/api/v1/admin/digest");
        HttpResponse<String> rebuilt = post("admin", query + "/api/v1/admin/rebuild", "{}");
        assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
        assertThat(JSON.readTree(rebuilt.body()).path("digest"))
                .as("read models rebuilt from the log")
                .isEqualTo(live);
        // the restarted JVM starts from the class archive like the first one did
        assertThat(Files.readString(Path.of("/proc", Long.toString(stack.pid(Service.QUERY)), "maps")))
                .contains("classes.jsa");
    }

    /** kill -9 of the command service: it comes back on its port, accepts commands, and remembers its vouchers. */
    @Test
    @Order(10)
    void aKilledCommandServiceIsBackAndAcceptsCommands() throws Exception {
        long pid = stack.pid(Service.COMMAND);
        int heardSoFar = output.size();

        Instant killed = Instant.now();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        String report = awaitOutput(
                heardSoFar, l -> l.startsWith("command-service exited unexpectedly"), Duration.ofSeconds(10));
        awaitOutput(heardSoFar, l -> l.startsWith("command-service is back"), Duration.ofSeconds(60));
        System.out.println("command-service back "
                + Duration.between(killed, Instant.now()).toMillis() + " ms after kill -9");

        assertThat(report)
                .contains("killed by signal 9")
                .contains(logOf(Service.COMMAND).toString())
                .contains("  | ");
        long position = disburse("2022-000103", "300.00").path("position").asLong();
        HttpResponse<String> again = post("recorder", disbursements(), disbursement("2022-000101", "100.00"));
        assertThat(again.statusCode())
                .as("a voucher recorded before the kill, sent again: %s", again.body())
                .isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("outcome").asText()).isEqualTo("ALREADY_RECORDED");
        awaitPosition(stack.url(Service.QUERY), position, Duration.ofSeconds(30));
        assertThat(get("viewer", stack.url(Service.QUERY) + "/api/v1/departments/BY-SJ/years/2022/execution")
                        .path("executed")
                        .asText())
                .isEqualTo("600.00");
    }

    // ---- the dashboard in a browser (DashboardBrowser: headless Chromium, screenshots in target/screenshots)

    /**
     * At the address the run command prints, a viewer is sent to the login form and back, and sees
     * 石井街道 at 93.66% against time progress with its alerts (none open: the year is closed); the department view explains
     * them, shows the figures in 万元 and the execution curve; in English too, and on a phone.
     */
    @Test
    @Order(11)
    void aViewerSignsInAndSeesTheDemoYearOnTheDashboard() throws Exception {
        DashboardBrowser.assumeChromium();
        browser = DashboardBrowser.open();
        String query = stack.url(Service.QUERY);
        browser.get(Summary.dashboard(query, stack.loadedDepartmentYear()));
        browser.waitForElement(Duration.ofSeconds(20), By.id("username"));
        assertThat(browser.driver().getCurrentUrl())
                .as("a stranger is sent to the login form")
                .endsWith("/login");
        browser.screenshot("01-login");
        browser.signIn("viewer", passwords.get("viewer"));
        assertThat(browser.driver().getCurrentUrl()).contains("year=2021");

        long open = openAlerts("BY-SJ", 2021);
        assertThat(open)
                .as("open alerts of the demo year: closed, so each was resolved with the year")
                .isZero();
        WebElement row = browser.waitForElement(
                Duration.ofSeconds(20), By.cssSelector("tr.department[data-department='BY-SJ']"));
        assertThat(row.getText()).contains("石井街道");
        assertThat(row.findElement(By.cssSelector("[data-field=executionRate]")).getText())
                .isEqualTo("93.66%");
        browser.waitFor(
                Duration.ofSeconds(10),
                d -> badgeTotal(d.findElement(By.cssSelector(
                                        "tr.department[data-department='BY-SJ'] [data-field=openAlerts]")))
                                == open
                        ? true
                        : null);
        browser.waitForConnection("connected", Duration.ofSeconds(10));
        browser.screenshot("02-overview");

        row.click();
        WebElement view = browser.waitForElement(
                Duration.ofSeconds(20), By.cssSelector(".department-view[data-department='BY-SJ']"));
        assertThat(view.findElement(By.cssSelector("[data-field=budget]")).getText())
                .as("160610200.00 yuan in 万元")
                .isEqualTo("16,061.02");
        assertThat(view.findElement(By.cssSelector("[data-field=executed]")).getText())
                .isEqualTo("15,042.65");
        assertThat(view.findElement(By.cssSelector("[data-field=executionRate]"))
                        .getText())
                .isEqualTo("93.66%");
        List<WebElement> alerts = view.findElements(By.cssSelector("li.alert"));
        assertThat(alerts.stream()
                        .filter(a -> !"RESOLVED".equals(a.getDomAttribute("data-status")))
                        .count())
                .isEqualTo(open);
        assertThat(alerts)
                .allSatisfy(a -> assertThat(
                                a.findElement(By.cssSelector(".message")).getText())
                        .isNotBlank());
        assertThat(view.findElements(By.cssSelector("button.acknowledge")))
                .as("a viewer may not acknowledge")
                .isEmpty();
        browser.waitForElement(Duration.ofSeconds(10), By.cssSelector("#curve canvas"));
        browser.screenshot("03-department");

        browser.driver().findElement(By.id("language")).click();
        browser.waitFor(
                Duration.ofSeconds(5),
                d -> d.findElement(By.id("view")).getText().contains("Execution rate") ? true : null);
        assertThat(browser.driver().findElement(By.id("connection")).getText()).isEqualTo("Live");
        browser.screenshot("04-english");
        browser.driver().findElement(By.id("language")).click();
        browser.waitFor(
                Duration.ofSeconds(5),
                d -> d.findElement(By.id("view")).getText().contains("预算执行率") ? true : null);

        browser.resize(DashboardBrowser.PHONE);
        browser.waitFor(Duration.ofSeconds(5), d -> browser.fitsTheWidth() ? true : null);
        browser.screenshot("05-phone-department");
        browser.driver().findElement(By.cssSelector("a.back")).click();
        browser.waitForElement(Duration.ofSeconds(10), By.cssSelector("tr.department[data-department='BY-SJ']"));
        assertThat(browser.fitsTheWidth())
                .as("the overview fits a phone's width")
                .isTrue();
        browser.screenshot("06-phone-overview");
        browser.resize(DashboardBrowser.DESKTOP);

        // signing out (a form POST with the CSRF token) ends the session and the remembered sign-in
        browser.driver().findElement(By.id("sign-out")).click();
        browser.waitForElement(Duration.ofSeconds(20), By.id("username"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login?logout");
        browser.get(Summary.dashboard(query, stack.loadedDepartmentYear()));
        browser.signIn("viewer", passwords.get("viewer"));
        browser.waitForElement(Duration.ofSeconds(20), By.cssSelector("tr.department[data-department='BY-SJ']"));
    }

    /** An overspend recorded through the API shows on the open page, without a reload, within a second. */
    @Test
    @Order(12)
    void aNewAlertAppearsOnTheOpenPageWithoutAReload() throws Exception {
        DashboardBrowser.assumeChromium();
        assertThat(browser).as("the page of the previous step").isNotNull();
        browser.markThisDocument();
        allocate("GP-PUB-02");

        HttpResponse<String> refused =
                post("recorder", lineUrl("GP-PUB-02") + "/disbursements", disbursement("2022-000201", "5000.00"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        WebElement shown = browser.waitForElement(Duration.ofSeconds(30), liveAlert("GP-PUB-02"));
        long lagMillis = Long.parseLong(shown.getDomAttribute("data-received-at"))
                - Instant.parse(shown.getDomAttribute("data-at")).toEpochMilli();
        System.out.println("[dashboard] the alert reached the page " + lagMillis + " ms after the service raised it");
        assertThat(lagMillis)
                .as("ms from the alert being raised to the page having it")
                .isLessThan(1000);
        assertThat(shown.getText()).contains("超额度支付被拒").contains("BY-SJ 2022");
        assertThat(browser.isTheMarkedDocument())
                .as("the same page, not a reload")
                .isTrue();
        browser.screenshot("07-live-alert");
    }

    /**
     * kill -9 of query-service under the open page: it shows that it is reconnecting; an overspend
     * recorded while the service is down appears once the launcher has restarted it (the stream
     * resumes after the last event the page had), still without a reload.
     */
    @Test
    @Order(13)
    void afterAQueryServiceRestartThePageReconnectsAndShowsWhatWasRaisedMeanwhile() throws Exception {
        DashboardBrowser.assumeChromium();
        assertThat(browser).as("the page of the previous steps").isNotNull();
        awaitPosition(stack.url(Service.QUERY), allocate("GP-PUB-03"), Duration.ofSeconds(30));
        int heardSoFar = output.size();

        ProcessHandle.of(stack.pid(Service.QUERY)).orElseThrow().destroyForcibly();
        awaitOutput(heardSoFar, l -> l.startsWith("query-service exited unexpectedly"), Duration.ofSeconds(10));
        browser.waitForConnection("reconnecting", Duration.ofSeconds(10));
        HttpResponse<String> refused =
                post("recorder", lineUrl("GP-PUB-03") + "/disbursements", disbursement("2022-000301", "5000.00"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        browser.screenshot("08-reconnecting");

        awaitOutput(heardSoFar, l -> l.startsWith("query-service is back"), Duration.ofSeconds(60));
        browser.waitForConnection("connected", Duration.ofSeconds(30));
        browser.waitForElement(Duration.ofSeconds(30), liveAlert("GP-PUB-03"));
        assertThat(browser.driver().findElements(liveAlert("GP-PUB-02")))
                .as("what it showed before")
                .hasSize(1);
        // and its figures, read again from the restarted service
        WebElement row = browser.waitForElement(
                Duration.ofSeconds(20), By.cssSelector("tr.department[data-department='BY-SJ']"));
        assertThat(row.findElement(By.cssSelector("[data-field=executionRate]")).getText())
                .isEqualTo("93.66%");
        assertThat(browser.driver().findElement(By.id("notice")).isDisplayed())
                .as("an error notice")
                .isFalse();
        assertThat(browser.isTheMarkedDocument())
                .as("the same page, not a reload")
                .isTrue();
        browser.screenshot("09-reconnected");
    }

    /** The budget office acknowledges an alert on the page (a cookie-authenticated write with its CSRF token). */
    @Test
    @Order(14)
    void aBudgetOfficerAcknowledgesAnAlertOnThePage() throws Exception {
        DashboardBrowser.assumeChromium();
        assertThat(browser).as("the page of the previous steps").isNotNull();
        // leave the dashboard first: its alert stream reconnects after the previous step's restart, and a
        // reconnect racing the sign-in below could set a session cookie of its own over the login page's
        // (whose CSRF token the form carries) — the login would then be refused with 403
        browser.get(stack.url(Service.QUERY) + "/login");
        browser.driver().manage().deleteAllCookies(); // another browser, as it were
        browser.get(stack.url(Service.QUERY) + "/#/departments/BY-SJ/years/2022");
        browser.signIn("budget-office", passwords.get("budget-office"));
        browser.get(stack.url(Service.QUERY) + "/#/departments/BY-SJ/years/2022");
        By alert = By.cssSelector(".department-view li.alert[data-subject='line:GP-PUB-02']");
        WebElement item = browser.waitForElement(Duration.ofSeconds(20), alert);
        long id = Long.parseLong(item.getDomAttribute("data-alert-id"));
        item.findElement(By.cssSelector("button.acknowledge")).click();
        browser.waitFor(
                Duration.ofSeconds(10),
                d -> "ACKNOWLEDGED".equals(d.findElement(alert).getDomAttribute("data-status")) ? true : null);
        browser.screenshot("10-acknowledged");

        JsonNode stored = get("auditor", stack.url(Service.QUERY) + "/api/v1/alerts/" + id)
                .path("alert");
        assertThat(stored.path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(stored.path("acknowledgedBy").asText()).isEqualTo("budget-office");
    }

    /** A line of 1000.00 in BY-SJ 2022 for an overspend to be refused on; the import's log position. */
    private static long allocate(String line) throws IOException, InterruptedException {
        String ndjson = "{\"type\":\"AllocateBudget\",\"department\":\"BY-SJ\",\"fiscalYear\":2022,\"line\":\"" + line
                + "\",\"name\":\"商品和服务支出\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PUBLIC_EXPENSE\","
                + "\"threePublic\":\"NONE\",\"appropriation\":true,\"amount\":\"1000.00\",\"occurredOn\":\"2022-01-01\"}";
        HttpResponse<String> imported = HTTP.send(
                as("budget-office", HttpRequest.newBuilder(URI.create(stack.url(Service.COMMAND) + "/api/v1/imports")))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode report = JSON.readTree(imported.body());
        assertThat(report.path("accepted").asInt()).as(imported.body()).isEqualTo(1);
        return report.path("position").asLong();
    }

    private static String lineUrl(String line) {
        return stack.url(Service.COMMAND) + "/api/v1/departments/BY-SJ/years/2022/lines/" + line;
    }

    private static By liveAlert(String line) {
        return By.cssSelector("#feed li[data-rule='OVERSPEND_ATTEMPT'][data-subject='line:" + line + "']");
    }

    private static long openAlerts(String department, int year) throws IOException, InterruptedException {
        JsonNode alerts =
                get("viewer", stack.url(Service.QUERY) + "/api/v1/alerts?department=" + department + "&year=" + year);
        long open = 0;
        for (JsonNode alert : alerts) {
            if (!"RESOLVED".equals(alert.path("status").asText())) {
                open++;
            }
        }
        return open;
    }

    /** The sum of the severity badges in a cell ("严重 2", "警告 3", "提示 0"). */
    private static long badgeTotal(WebElement cell) {
        return cell.findElements(By.cssSelector(".badge")).stream()
                .mapToLong(b -> Long.parseLong(b.getText().replaceAll("\\D+", "")))
                .sum();
    }

    /** Ctrl-C while a killed service waits for its restart: everything stops, and nothing comes back. */
    @Test
    @Order(15)
    void shutdownDuringARestartBackOffLeavesNoProcessBehind() throws InterruptedException {
        if (browser != null) { // chromedriver and Chromium are children of this JVM too
            browser.close();
            browser = null;
        }
        int heardSoFar = output.size();
        ProcessHandle.of(stack.pid(Service.SCORING)).orElseThrow().destroyForcibly();
        awaitOutput(heardSoFar, l -> l.startsWith("restarting scoring-service in"), Duration.ofSeconds(10));

        List<Long> pids = stack.servicePids();
        assertThat(pids).hasSize(3);
        stack.close();
        stack = null;
        assertThat(pids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false))
                        .as("service process %s still alive", pid)
                        .isFalse());
        Thread.sleep(2_000); // past the back-off
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(ProcessHandle::isAlive)
                        .toList())
                .as("children of the test JVM")
                .isEmpty();
        assertThat(heardSince(heardSoFar)).noneMatch(l -> l.startsWith("scoring-service is back"));
    }

    private static JsonNode disburse(String voucher, String amount) throws IOException, InterruptedException {
        HttpResponse<String> response = post("recorder", disbursements(), disbursement(voucher, amount));
        assertThat(response.statusCode())
                .as("disbursement %s: %s", voucher, response.body())
                .isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static String disbursements() {
        return stack.url(Service.COMMAND) + "/api/v1/departments/BY-SJ/years/2022/lines/GP-PUB-01/disbursements";
    }

    private static String disbursement(String voucher, String amount) {
        return "{\"voucher\":\"" + voucher + "\",\"amount\":\"" + amount
                + "\",\"payee\":\"某物业公司\",\"purpose\":\"物业费\",\"procurement\":false,\"occurredOn\":\"2022-02-10\"}";
    }

    private static Path logOf(Service service) {
        return dataDir.resolve("logs").resolve(service.artifact() + ".log");
    }

    /** Read-your-writes through the test's own HTTP calls (a restarting reader refuses connections). */
    private static void awaitPosition(String reader, long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode answer = get("viewer", reader + "/api/v1/position");
                if (answer.path("position").asLong() >= position) {
                    return;
                }
                last = answer.toString();
            } catch (IOException | AssertionError notYet) {
                last = notYet.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                reader + " did not reach position " + position + " within " + timeout + " (" + last + ")");
    }

    /** The first thing the launcher said since {@code from} that matches (a crash report is one, of several lines). */
    private static String awaitOutput(int from, java.util.function.Predicate<String> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : heardSince(from)) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the launcher did not say it within " + timeout + "; it said: " + heardSince(from));
    }

    private static List<String> heardSince(int from) {
        List<String> heard = List.copyOf(output);
        return heard.subList(from, heard.size());
    }

    private long countEvents() throws SQLException {
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(Service.COMMAND), "postgres", "postgres");
                ResultSet rows = db.createStatement().executeQuery("select count(*) from domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String awaitLine(
            BlockingQueue<String> lines, java.util.function.Predicate<String> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no matching line on the stream within " + timeout);
    }

    /** Collects the lines of a text/event-stream response as they arrive. */
    private record LineCollector(BlockingQueue<String> lines) implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String item) {
            lines.add(item);
        }

        @Override
        public void onError(Throwable throwable) {}

        @Override
        public void onComplete() {}
    }

    /** A request signed in as a demo user (HTTP Basic, as {@code curl -u user:password} sends it). */
    static HttpRequest.Builder as(String user, HttpRequest.Builder request) {
        String password = passwords.get(user);
        assertThat(password).as("%s in demo-users.txt", user).isNotNull();
        return request.header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode get(String user, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                as(user, HttpRequest.newBuilder(URI.create(url))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s as %s → %s", url, user, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> post(String user, String url, String json) throws IOException, InterruptedException {
        return HTTP.send(
                as(user, HttpRequest.newBuilder(URI.create(url)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
