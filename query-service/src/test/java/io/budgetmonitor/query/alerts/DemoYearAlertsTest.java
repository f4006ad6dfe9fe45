package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.events.FiscalYearClosed;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The demo year (石井 2021, infra/demo/shijing-2021.ndjson) lived day by day: each day's events are
 * recorded on their business date and the monitor re-evaluates once a day, as the hourly schedule
 * would. The counts below are the figures of docs/decisions.md ("Alerts worth acting on"); a change in
 * the rules' noise shows up here as a changed number.
 */
class DemoYearAlertsTest extends IntegrationTest {
    private Map<String, Integer> transitions() {
        Map<String, Integer> transitions = new TreeMap<>();
        jdbc.queryForList(
                        "select transition, count(*) as n from alert_transition where department = ? group by transition",
                        DEPARTMENT)
                .forEach(row -> transitions.put((String) row.get("transition"), ((Number) row.get("n")).intValue()));
        return transitions;
    }

    private static final String DEPARTMENT = "SJ-AL";
    private static final FiscalYearId YEAR = new FiscalYearId(DEPARTMENT, 2021);

    @Test
    void theDemoYearsAlertsAtEachQuarterEndAndAtYearEnd() {
        List<RecordedEvent> events = ScenarioEvents.fromFile(
                Path.of("../infra/demo/shijing-2021.ndjson"),
                DEPARTMENT,
                scenario().nextPosition());
        Map<LocalDate, List<RecordedEvent>> byDay = new TreeMap<>();
        RecordedEvent close = null;
        for (RecordedEvent e : events) {
            if (e.event() instanceof FiscalYearClosed) {
                close = e;
            } else {
                byDay.computeIfAbsent(e.event().occurredOn(), d -> new ArrayList<>())
                        .add(e);
            }
        }
        assertThat(close).as("the demo closes its year").isNotNull();

        int published = 0;
        Map<LocalDate, Map<String, Long>> openOn = new LinkedHashMap<>();
        Map<LocalDate, List<String>> groupsOn = new LinkedHashMap<>();
        for (LocalDate day = LocalDate.of(2021, 1, 1); day.getYear() == 2021; day = day.plusDays(1)) {
            published += live(day, byDay.getOrDefault(day, List.of()), published);
            if (day.equals(day.withDayOfMonth(day.lengthOfMonth())) && day.getMonthValue() % 3 == 0) {
                openOn.put(day, openByRule(alerts("asOf=" + day)));
                groupsOn.put(day, groups());
            }
        }
        long raised = alerts("").size();

        // the year is closed on its last day: every alert still open is resolved with it
        live(LocalDate.of(2021, 12, 31), List.of(close), published);

        System.out.printf("demo year alerts: raised %d, transitions %s%n", raised, transitions());
        openOn.forEach((day, open) -> System.out.printf("  open on %s: %s; groups %s%n", day, open, groupsOn.get(day)));
        assertThat(raised)
                .as("distinct alerts (rule, subject) the year raised over its life")
                .isEqualTo(40);
        assertThat(transitions())
                .as("flapping: 51 reopenings of 40 alerts")
                .isEqualTo(Map.of(
                        "OPENED",
                        40,
                        "REOPENED",
                        51,
                        "RESOLVED",
                        72,
                        "ESCALATED",
                        35,
                        "DEESCALATED",
                        23,
                        "CLOSED_WITH_YEAR",
                        19));

        assertThat(openOn.get(LocalDate.of(2021, 3, 31)))
                .isEqualTo(Map.of(
                        "EXECUTION_BEHIND_SCHEDULE",
                        8L,
                        "QUARTER_TARGET_MISSED",
                        1L,
                        "KPI_AT_RISK",
                        1L,
                        "KPI_TARGET_TOO_LOOSE",
                        1L));
        assertThat(openOn.get(LocalDate.of(2021, 6, 30)))
                .isEqualTo(Map.of(
                        "EXECUTION_BEHIND_SCHEDULE",
                        9L,
                        "QUARTER_TARGET_MISSED",
                        1L,
                        "KPI_AT_RISK",
                        1L,
                        "KPI_TARGET_TOO_LOOSE",
                        1L,
                        "LINE_NEARLY_EXHAUSTED",
                        1L));
        assertThat(openOn.get(LocalDate.of(2021, 9, 30)))
                .isEqualTo(Map.of(
                        "EXECUTION_BEHIND_SCHEDULE",
                        9L,
                        "QUARTER_TARGET_MISSED",
                        2L,
                        "KPI_AT_RISK",
                        1L,
                        "KPI_TARGET_TOO_LOOSE",
                        1L,
                        "LINE_NEARLY_EXHAUSTED",
                        1L));
        // 31 December before the close: 19 open; lines used up no faster than time progress raise nothing (were 28 of
        // 47)
        assertThat(openOn.get(LocalDate.of(2021, 12, 31)))
                .isEqualTo(Map.of(
                        "EXECUTION_BEHIND_SCHEDULE",
                        13L,
                        "QUARTER_TARGET_MISSED",
                        3L,
                        "KPI_AT_RISK",
                        1L,
                        "KPI_TARGET_TOO_LOOSE",
                        1L,
                        "RECLAIM_RISK",
                        1L));

        // what a budget office reads instead: one group per rule, the worst subject first
        assertThat(groupsOn.get(LocalDate.of(2021, 3, 31)))
                .containsExactly(
                        "EXECUTION_BEHIND_SCHEDULE WARNING ×8 line:OT-PER-02",
                                "QUARTER_TARGET_MISSED WARNING ×1 quarter:Q1",
                        "KPI_AT_RISK WARNING ×1 kpi:B5.4", "KPI_TARGET_TOO_LOOSE INFO ×1 kpi:B2.1");
        assertThat(groupsOn.get(LocalDate.of(2021, 6, 30)))
                .containsExactly(
                        "EXECUTION_BEHIND_SCHEDULE CRITICAL ×9 line:OT-PER-02",
                        "QUARTER_TARGET_MISSED WARNING ×1 quarter:Q1",
                        "KPI_AT_RISK WARNING ×1 kpi:B5.4",
                        "LINE_NEARLY_EXHAUSTED INFO ×1 line:GP-PRJ-14",
                        "KPI_TARGET_TOO_LOOSE INFO ×1 kpi:B5.3");
        assertThat(groupsOn.get(LocalDate.of(2021, 9, 30)))
                .containsExactly(
                        "EXECUTION_BEHIND_SCHEDULE CRITICAL ×9 line:OT-PER-02",
                        "QUARTER_TARGET_MISSED WARNING ×2 quarter:Q1",
                        "KPI_AT_RISK WARNING ×1 kpi:B5.4",
                        "LINE_NEARLY_EXHAUSTED INFO ×1 line:GP-PRJ-14",
                        "KPI_TARGET_TOO_LOOSE INFO ×1 kpi:B5.3");
        assertThat(groupsOn.get(LocalDate.of(2021, 12, 31)))
                .containsExactly(
                        "EXECUTION_BEHIND_SCHEDULE CRITICAL ×13 line:OT-PER-02",
                        "QUARTER_TARGET_MISSED WARNING ×3 quarter:Q1",
                        "KPI_AT_RISK WARNING ×1 kpi:B5.4",
                        "RECLAIM_RISK WARNING ×1 department",
                        "KPI_TARGET_TOO_LOOSE INFO ×1 kpi:B5.3");

        // after the close: nothing open, nothing to act on, each of the 19 resolved with the year and saying so
        assertThat(openByRule(alerts(""))).isEmpty();
        assertThat(openByRule(alerts("asOf=2021-12-31"))).isEmpty();
        assertThat(groups()).isEmpty();
        List<Map<String, Object>> closedWithYear = jdbc.queryForList(
                "select comment from alert_transition " + "where department = ? and transition = 'CLOSED_WITH_YEAR'",
                DEPARTMENT);
        assertThat(closedWithYear)
                .hasSize(19)
                .allSatisfy(row -> assertThat((String) row.get("comment"))
                        .isEqualTo("年度已结账 (fiscal year closed on 2021-12-31): resolved with the year"));
        Http.Response ack = Http.as("budget-office")
                .post(
                        baseUrl() + "/api/v1/alerts/"
                                + alerts("").get(0).get("id").asLong() + "/acknowledgement",
                        "{}");
        assertThat(ack.status())
                .as("a closed year's alert is a record, not a task")
                .isEqualTo(409);
    }

    /** One day: the monitor's date moves to it, its events are recorded and judged, then the daily evaluation. */
    private int live(LocalDate day, List<RecordedEvent> events, int before) {
        clock.setDate(day);
        if (!events.isEmpty()) {
            publish(events);
            awaitApplied(events); // and judged on the day they were recorded
        }
        Http.Response r =
                Http.post(baseUrl() + "/api/v1/admin/evaluations?department=" + DEPARTMENT + "&year=2021", null);
        assertThat(r.status()).isEqualTo(200);
        return events.size();
    }

    private JsonNode alerts(String query) {
        Http.Response r = Http.get(baseUrl() + "/api/v1/alerts?department=" + DEPARTMENT + "&" + query);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /** The groups to act on now, each as "rule worst-severity ×count worst-subject". */
    private List<String> groups() {
        Http.Response r = Http.get(baseUrl() + "/api/v1/alerts/groups?department=" + DEPARTMENT);
        assertThat(r.status()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.body()
                .forEach(g -> out.add(g.get("rule").asText() + " "
                        + g.get("severity").asText() + " ×" + g.get("count").asInt() + " "
                        + g.get("worst").get("subject").asText()));
        return out;
    }

    private static Map<String, Long> openByRule(JsonNode alerts) {
        Map<String, Long> open = new TreeMap<>();
        for (JsonNode a : alerts) {
            if (!a.get("status").asText().equals("RESOLVED")) {
                open.merge(a.get("rule").asText(), 1L, Long::sum);
            }
        }
        return open;
    }
}
