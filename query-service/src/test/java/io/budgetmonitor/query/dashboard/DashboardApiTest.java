package io.budgetmonitor.query.dashboard;

import static io.budgetmonitor.query.dashboard.DashboardScenario.B;
import static io.budgetmonitor.query.dashboard.DashboardScenario.C;
import static io.budgetmonitor.query.dashboard.DashboardScenario.SJ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.EvaluationTopic;
import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.SseClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard API on {@link DashboardScenario}, over real HTTP on the real service, as {@code viewer}
 * (every department) and {@code viewer-bysj} (BY-SJ only).
 */
class DashboardApiTest extends IntegrationTest {
    private static boolean loaded;

    private final Http.Caller viewer = Http.as("viewer");
    private final Http.Caller scoped = Http.as("viewer-bysj");

    @BeforeEach
    void district() {
        clock.setDate(DashboardScenario.ON);
        if (!loaded) {
            List<RecordedEvent> events = DashboardScenario.events(scenario());
            publish(events);
            awaitApplied(events);
            loaded = true;
        }
        // the monitor judges on 30 June 2019 whatever another test's evaluation of every department left behind
        for (String department : List.of(SJ, B, C)) {
            assertThat(Http.post(baseUrl() + "/api/v1/admin/evaluations?department=" + department + "&year=2019", null)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void theDepartmentListShowsEachDepartmentAgainstTimeProgressWithItsOpenAlerts() {
        Http.Response response = viewer.get(baseUrl() + "/api/v1/departments?year=2019");
        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> byCode = byDepartment(response.body());
        assertThat(byCode).containsKeys(SJ, B, C);

        JsonNode sj = byCode.get(SJ);
        assertThat(sj.get("name").asText()).isEqualTo("石井街道");
        assertThat(sj.get("fiscalYear").asInt()).isEqualTo(2019);
        assertThat(sj.get("years").toString()).contains("2019");
        assertThat(sj.get("asOf").asText()).isEqualTo("2019-06-30");
        assertThat(sj.get("budget").asText()).isEqualTo("1000000.00");
        assertThat(sj.get("executed").asText()).isEqualTo("250000.00");
        assertThat(sj.get("available").asText()).isEqualTo("750000.00");
        assertThat(sj.get("executionRate").asText()).isEqualTo("0.2500");
        assertThat(sj.get("timeProgress").asText()).isEqualTo("0.5000");
        assertThat(sj.get("gap").asText()).isEqualTo("-0.2500");
        assertThat(sj.get("projectedTotal").isNull()).isTrue();
        assertThat(sj.get("projectedGrade").isNull()).isTrue();
        for (String department : List.of(SJ, B, C)) {
            JsonNode open = byCode.get(department).get("openAlerts");
            for (String severity : List.of("INFO", "WARNING", "CRITICAL")) {
                assertThat(open.get(severity).asInt())
                        .as("%s %s", department, severity)
                        .isEqualTo(openAlerts(department, severity));
            }
        }
        // 25 points behind (critical) with a fund source 16.7 points behind (warning); DASH-B 15 behind
        assertThat(sj.get("openAlerts").get("CRITICAL").asInt()).isPositive();
        assertThat(sj.get("openAlerts").get("WARNING").asInt()).isPositive();
        assertThat(byCode.get(B).get("openAlerts").get("CRITICAL").asInt()).isZero();
        assertThat(byCode.get(B).get("openAlerts").get("WARNING").asInt()).isPositive();
        assertThat(byCode.get(B).get("executionRate").asText()).isEqualTo("0.3500");
    }

    @Test
    void aScopedViewerListsAndRollsUpOnlyItsDepartmentAndCannotReadAnothersKpisOrSeries() {
        JsonNode list = scoped.get(baseUrl() + "/api/v1/departments?year=2019").body();
        assertThat(byDepartment(list)).containsOnlyKeys(SJ);
        assertThat(byDepartment(scoped.get(baseUrl() + "/api/v1/departments").body()))
                .containsOnlyKeys(SJ);

        JsonNode summary = scoped.get(baseUrl() + "/api/v1/years/2019/summary").body();
        assertThat(summary.get("departments").asInt()).isEqualTo(1);
        assertThat(summary.get("budget").asText()).isEqualTo("1000000.00");
        assertThat(summary.get("executed").asText()).isEqualTo("250000.00");
        assertThat(summary.get("furthestBehind"))
                .extracting(d -> d.get("department").asText())
                .containsExactly(SJ);

        for (String route : List.of("/kpis", "/execution/series", "/execution/series?interval=week")) {
            Http.Response foreign = scoped.get(baseUrl() + "/api/v1/departments/" + B + "/years/2019" + route);
            assertThat(foreign.status()).as(route).isEqualTo(404);
            assertThat(foreign.contentType()).startsWith("application/problem+json");
            assertThat(scoped.get(baseUrl() + "/api/v1/departments/" + SJ + "/years/2019" + route)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void theYearSummaryIsTheSumOfTheDepartments() {
        JsonNode summary = viewer.get(baseUrl() + "/api/v1/years/2019/summary").body();
        JsonNode list = viewer.get(baseUrl() + "/api/v1/departments?year=2019").body();
        assertThat(summary.get("departments").asInt()).isEqualTo(list.size()).isEqualTo(3);
        assertThat(summary.get("timeProgress").asText()).isEqualTo("0.5000");

        // the totals: exactly the sum of the listed departments, and of their own execution reports
        for (String field : List.of("budget", "executed", "available")) {
            assertThat(amount(summary.get(field))).as(field).isEqualByComparingTo(sum(list, d -> d.get(field)));
        }
        assertThat(summary.get("budget").asText()).isEqualTo("1201000.00");
        assertThat(summary.get("executed").asText()).isEqualTo("320100.00");
        assertThat(summary.get("executionRate").asText()).isEqualTo("0.2665");
        List<JsonNode> executions = new ArrayList<>();
        list.forEach(d -> executions.add(Http.get(
                        baseUrl() + "/api/v1/departments/" + d.get("department").asText() + "/years/2019/execution")
                .body()));
        for (String slices : List.of("byFundSource", "byExpenditureType")) {
            Map<String, BigDecimal[]> expected = new HashMap<>();
            for (JsonNode execution : executions) {
                execution.get(slices).forEach(b -> {
                    BigDecimal[] sum = expected.computeIfAbsent(b.get("key").asText(), k ->
                            new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                    sum[0] = sum[0].add(amount(b.get("budget")));
                    sum[1] = sum[1].add(amount(b.get("executed")));
                    sum[2] = sum[2].add(amount(b.get("available")));
                });
            }
            assertThat(summary.get(slices)).hasSize(expected.size());
            summary.get(slices).forEach(b -> {
                BigDecimal[] sum = expected.get(b.get("key").asText());
                assertThat(amount(b.get("budget"))).isEqualByComparingTo(sum[0]);
                assertThat(amount(b.get("executed"))).isEqualByComparingTo(sum[1]);
                assertThat(amount(b.get("available"))).isEqualByComparingTo(sum[2]);
            });
        }
        JsonNode general = find(summary.get("byFundSource"), "GENERAL_PUBLIC_BUDGET");
        assertThat(general.get("budget").asText()).isEqualTo("801000.00");
        assertThat(general.get("executed").asText()).isEqualTo("270100.00");
        assertThat(find(summary.get("byExpenditureType"), "PROJECT")
                        .get("executed")
                        .asText())
                .isEqualTo("50100.00");

        // the distribution: DASH-C at 10% in the lowest band, BY-SJ (25%) and DASH-B (35%) in 20–40%
        assertThat(summary.get("rateDistribution")).hasSize(6);
        assertThat(summary.get("rateDistribution").get(0).get("departments").toString())
                .isEqualTo("[\"DASH-C\"]");
        assertThat(summary.get("rateDistribution").get(1).get("from").asText()).isEqualTo("0.20");
        assertThat(summary.get("rateDistribution").get(1).get("departments").toString())
                .isEqualTo("[\"BY-SJ\",\"DASH-B\"]");
        assertThat(summary.get("rateDistribution").get(5).get("to").isNull()).isTrue();
        int banded = 0;
        for (JsonNode band : summary.get("rateDistribution")) {
            banded += band.get("count").asInt();
        }
        assertThat(banded + summary.get("withoutBudget").asInt()).isEqualTo(3);

        // furthest behind first
        assertThat(summary.get("furthestBehind"))
                .extracting(
                        d -> d.get("department").asText() + " " + d.get("gap").asText())
                .containsExactly("DASH-C -0.4000", "BY-SJ -0.2500", "DASH-B -0.1500");
        assertThat(viewer.get(baseUrl() + "/api/v1/years/2019/summary?behind=1")
                        .body()
                        .get("furthestBehind"))
                .hasSize(1);

        // open alerts: the sum of the departments'
        for (String severity : List.of("INFO", "WARNING", "CRITICAL")) {
            assertThat(summary.get("openAlerts").get(severity).asInt())
                    .isEqualTo(sum(list, d -> d.get("openAlerts").get(severity)).intValue());
        }
    }

    @Test
    void kpisShowProgressAgainstTargetAndTimeProgressWithTheTargetsHistory() {
        JsonNode body = viewer.get(baseUrl() + "/api/v1/departments/BY-SJ/years/2019/kpis")
                .body();
        assertThat(body.get("timeProgress").asText()).isEqualTo("0.5000");
        Map<String, JsonNode> kpis = new HashMap<>();
        body.get("kpis").forEach(k -> kpis.put(k.get("kpi").asText(), k));
        assertThat(kpis).containsOnlyKeys("B1.1", "B2.1", "B3.1", "B4.1");

        // raised from 20 to 30 in May: 18 of 30 is 60%, ahead of 50% time progress
        JsonNode trainings = kpis.get("B1.1");
        assertThat(trainings.get("direction").asText()).isEqualTo("HIGHER_IS_BETTER");
        assertThat(trainings.get("target").asText()).isEqualTo("30");
        assertThat(trainings.get("actual").asText()).isEqualTo("18");
        assertThat(trainings.get("completion").asText()).isEqualTo("0.6000");
        assertThat(trainings.get("onTrack").asBoolean()).isTrue();
        assertThat(trainings.get("status").asText()).isEqualTo("ON_TRACK");
        // a count: on course for 18 ÷ 50% = 36 trainings, 120% of the target
        assertThat(trainings.get("cumulative").asBoolean()).isTrue();
        assertThat(trainings.get("expectedYearEnd").asText()).isEqualTo("36");
        assertThat(trainings.get("expectedCompletion").asText()).isEqualTo("1.2000");
        assertThat(trainings.get("targetHistory"))
                .extracting(h -> h.get("change").asText() + " " + h.get("on").asText() + " "
                        + h.get("target").asText())
                .containsExactly("SET 2019-01-01 20", "ADJUSTED 2019-05-10 30");
        assertThat(trainings.get("targetHistory").get(1).get("reason").asText()).isEqualTo("上级追加培训任务");

        // lower is better and above its target: behind, whatever the date
        JsonNode complaints = kpis.get("B2.1");
        assertThat(complaints.get("direction").asText()).isEqualTo("LOWER_IS_BETTER");
        assertThat(complaints.get("completion").asText()).isEqualTo("0.7143");
        assertThat(complaints.get("onTrack").asBoolean()).isFalse();
        assertThat(complaints.get("status").asText()).isEqualTo("BEHIND");
        // lower is better: its latest value is the expectation, never projected
        assertThat(complaints.get("cumulative").asBoolean()).isFalse();
        assertThat(complaints.get("expectedCompletion").asText()).isEqualTo("0.7143");

        assertThat(kpis.get("B3.1").get("status").asText()).isEqualTo("ON_TRACK");
        assertThat(kpis.get("B3.1").get("completion").asText()).isEqualTo("1.0000");
        assertThat(kpis.get("B4.1").get("status").asText()).isEqualTo("NOT_REPORTED");
        assertThat(kpis.get("B4.1").get("onTrack").isNull()).isTrue();
        assertThat(kpis.get("B4.1").get("targetHistory")).hasSize(1);
    }

    @Test
    void theMonthlySeriesIsCumulativePerFundSourceAndEndsAtTheExecutionFigure() {
        JsonNode series = viewer.get(baseUrl() + "/api/v1/departments/BY-SJ/years/2019/execution/series?interval=month")
                .body();
        assertThat(series.get("interval").asText()).isEqualTo("month");
        assertThat(texts(series.get("dates")))
                .containsExactly("2019-01-31", "2019-02-28", "2019-03-31", "2019-04-30", "2019-05-31", "2019-06-30");
        assertThat(texts(series.get("timeProgress")))
                .containsExactly("0.0833", "0.1667", "0.2500", "0.3333", "0.4167", "0.5000");
        // the reversal of V2 (10,000.00 paid 1 February) counts on its own date, 5 May
        assertThat(texts(series.get("total").get("executed")))
                .containsExactly("100000.00", "110000.00", "210000.00", "260000.00", "250000.00", "250000.00");
        assertThat(texts(series.get("total").get("rate")))
                .containsExactly("0.1000", "0.1100", "0.2100", "0.2600", "0.2500", "0.2500");
        assertThat(series.get("byFundSource"))
                .extracting(s -> s.get("key").asText())
                .containsExactly("GENERAL_PUBLIC_BUDGET", "GOVERNMENT_FUND");
        JsonNode fund = series.get("byFundSource").get(1);
        assertThat(fund.get("budget").asText()).isEqualTo("400000.00");
        assertThat(texts(fund.get("executed")))
                .containsExactly("0.00", "0.00", "0.00", "50000.00", "50000.00", "50000.00");
        assertThat(texts(series.get("byFundSource").get(0).get("rate")).get(5)).isEqualTo("0.3333");
        assertThat(series.get("quarterTargets"))
                .extracting(
                        q -> q.get("endsOn").asText() + " " + q.get("target").asText())
                .containsExactly("2019-03-31 0.2500", "2019-06-30 0.5000", "2019-09-30 0.7500", "2019-12-31 1.0000");

        JsonNode execution = Http.get(baseUrl() + "/api/v1/departments/BY-SJ/years/2019/execution")
                .body();
        List<String> total = texts(series.get("total").get("executed"));
        assertThat(total.get(total.size() - 1))
                .isEqualTo(execution.get("executed").asText());
    }

    @Test
    void theWeeklySeriesEndsOnSundaysUpToToday() {
        JsonNode series = viewer.get(baseUrl() + "/api/v1/departments/BY-SJ/years/2019/execution/series?interval=week")
                .body();
        List<String> dates = texts(series.get("dates"));
        assertThat(dates).hasSize(26);
        assertThat(dates.get(0)).isEqualTo("2019-01-06");
        assertThat(dates.get(25)).isEqualTo("2019-06-30");
        assertThat(texts(series.get("total").get("executed")).get(1)).isEqualTo("0.00"); // 13 January
        assertThat(texts(series.get("total").get("executed")).get(2)).isEqualTo("100000.00"); // 20 January
        assertThat(texts(series.get("total").get("executed")).get(25)).isEqualTo("250000.00");
        assertThat(viewer.get(baseUrl() + "/api/v1/departments/BY-SJ/years/2019/execution/series?interval=day")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theAlertStreamTakesSeveralDepartmentsAndAMinimumSeverityAlwaysWithinTheCallersScope() throws Exception {
        // replayed from the first transition: exactly those of the departments asked for, at or above the severity
        try (SseClient two = new SseClient(
                        baseUrl(),
                        Http.basic("viewer"),
                        "department=BY-SJ&department=DASH-B&minSeverity=CRITICAL",
                        0L);
                SseClient commaSeparated = new SseClient(
                        baseUrl(), Http.basic("viewer"), "department=BY-SJ,DASH-B&minSeverity=WARNING", 0L);
                SseClient scopedStream = new SseClient(
                        baseUrl(), Http.basic("viewer-bysj"), "department=BY-SJ,DASH-C&minSeverity=WARNING", 0L)) {
            List<Long> critical = transitionIds(List.of(SJ, B), List.of("CRITICAL"));
            List<Long> warning = transitionIds(List.of(SJ, B), List.of("WARNING", "CRITICAL"));
            List<Long> ownOnly = transitionIds(List.of(SJ), List.of("WARNING", "CRITICAL"));
            assertThat(critical).isNotEmpty();
            assertThat(warning).hasSizeGreaterThan(critical.size());
            assertThat(transitionIds(List.of(C), List.of("CRITICAL"))).isNotEmpty();

            assertThat(until(two, critical)).containsExactlyElementsOf(critical);
            assertThat(until(commaSeparated, warning)).containsExactlyElementsOf(warning);
            // DASH-C is outside viewer-bysj's scope: asking for it adds nothing
            assertThat(until(scopedStream, ownOnly)).containsExactlyElementsOf(ownOnly);
        }
    }

    @Test
    void theListShowsTheLatestEvaluationScoringAnnounced() throws Exception {
        UUID older = UUID.randomUUID();
        UUID latest = UUID.randomUUID();
        announce(older, SJ, "80.00", "良", "2019-06-29T10:00:00Z");
        announce(latest, SJ, "88.50", "良", "2019-06-30T10:00:00Z");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from evaluation where id in (?, ?)", Integer.class, older, latest)
                        == 2);

        JsonNode sj = byDepartment(
                        viewer.get(baseUrl() + "/api/v1/departments?year=2019").body())
                .get(SJ);
        assertThat(sj.get("evaluationId").asText()).isEqualTo(latest.toString());
        assertThat(amount(sj.get("evaluationTotal"))).isEqualByComparingTo("88.50");
        assertThat(sj.get("evaluationGrade").asText()).isEqualTo("良");
        assertThat(sj.get("evaluatedAt").asText()).isEqualTo("2019-06-30T10:00:00Z");
        assertThat(byDepartment(viewer.get(baseUrl() + "/api/v1/departments?year=2019")
                                .body())
                        .get(C)
                        .get("evaluationTotal")
                        .isNull())
                .isTrue();
    }

    @Test
    void theListShowsTheLatestProjectedScoreScoringAnnounced() throws Exception {
        project(B, "81.25", "良", "2019-06-30T10:00:00Z");
        project(B, "81.25", "良", "2019-06-30T10:00:00Z"); // redelivered
        project(B, "55.00", "差", "2019-06-29T10:00:00Z"); // computed earlier, arriving late
        project("DASH-MARK", "1.00", "差", "2019-06-30T10:00:00Z");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from projected_score where department = 'DASH-MARK'", Integer.class)
                        == 1);

        Map<String, JsonNode> byCode = byDepartment(
                viewer.get(baseUrl() + "/api/v1/departments?year=2019").body());
        assertThat(amount(byCode.get(B).get("projectedTotal"))).isEqualByComparingTo("81.25");
        assertThat(byCode.get(B).get("projectedGrade").asText()).isEqualTo("良");
        assertThat(byCode.get(B).get("projectedAsOf").asText()).isEqualTo("2019-06-30");
        assertThat(byCode.get(C).get("projectedTotal").isNull()).isTrue();
        assertThat(byCode.get(C).get("projectedGrade").isNull()).isTrue();
        assertThat(byDepartment(
                        scoped.get(baseUrl() + "/api/v1/departments?year=2019").body()))
                .containsOnlyKeys(SJ);
    }

    /** As scoring-service publishes a projected-score change: JSON with its type in the ce_type header. */
    private static void project(String department, String total, String grade, String computedAt) throws Exception {
        String change = "{\"department\":\"" + department + "\",\"fiscalYear\":2019,\"asOf\":\"2019-06-30\","
                + "\"total\":" + total + ",\"grade\":\"" + grade + "\",\"rubric\":\"baiyun-2022@1\",\"position\":42,"
                + "\"computedAt\":\"" + computedAt + "\"}";
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                Topics.BUDGET_EVALUATIONS, department + ":2019", change.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EvaluationTopic.TYPE_HEADER, EvaluationTopic.typeHeader(ProjectedScoreChanged.TYPE));
        rawProducer().send(record).get();
    }

    /** As scoring-service publishes a snapshot: the whole of it as JSON, key department:year. */
    private static void announce(UUID id, String department, String total, String grade, String createdAt)
            throws Exception {
        String snapshot = "{\"id\":\"" + id + "\",\"department\":\"" + department + "\",\"fiscalYear\":2019,"
                + "\"departmentName\":\"石井街道\",\"rubric\":{\"id\":\"baiyun-2022\",\"version\":1},\"position\":42,"
                + "\"createdAt\":\"" + createdAt + "\",\"takenBy\":\"evaluator\",\"total\":" + total
                + ",\"max\":100,\"grade\":\"" + grade + "\",\"parts\":{},\"tasks\":[],\"indicators\":[]}";
        rawProducer()
                .send(new ProducerRecord<>(
                        Topics.BUDGET_EVALUATIONS, department + ":2019", snapshot.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private List<Long> transitionIds(List<String> departments, List<String> severities) {
        return jdbc.queryForList(
                "select id from alert_transition where department = any (?) and severity = any (?) " + "order by id",
                Long.class,
                departments.toArray(new String[0]),
                severities.toArray(new String[0]));
    }

    /** The ids a stream sends up to and including the last expected one. */
    private static List<Long> until(SseClient stream, List<Long> expected) throws InterruptedException {
        long last = expected.get(expected.size() - 1);
        List<Long> received = new ArrayList<>();
        while (received.isEmpty() || received.get(received.size() - 1) < last) {
            SseClient.Sse next = stream.events.poll(60, TimeUnit.SECONDS);
            assertThat(next).as("SSE event up to transition %d", last).isNotNull();
            received.add(next.id());
        }
        return received;
    }

    private int openAlerts(String department, String severity) {
        Integer n = jdbc.queryForObject(
                "select count(*) from alert where department = ? and fiscal_year = 2019 "
                        + "and severity = ? and status <> 'RESOLVED'",
                Integer.class,
                department,
                severity);
        return n == null ? 0 : n;
    }

    static Map<String, JsonNode> byDepartment(JsonNode list) {
        Map<String, JsonNode> byCode = new HashMap<>();
        list.forEach(d -> byCode.put(d.get("department").asText(), d));
        return byCode;
    }

    private static JsonNode find(JsonNode slices, String key) {
        for (JsonNode slice : slices) {
            if (slice.get("key").asText().equals(key)) {
                return slice;
            }
        }
        throw new AssertionError("no slice " + key + " in " + slices);
    }

    private static BigDecimal amount(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    private static BigDecimal sum(JsonNode list, Function<JsonNode, JsonNode> field) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode item : list) {
            sum = sum.add(amount(field.apply(item)));
        }
        return sum;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
