package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import io.budgetmonitor.query.support.SseClient;
import io.budgetmonitor.query.support.SseClient.Sse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 石井街道 (BY-SJ) and 新市街道 both fall behind schedule; {@code viewer-bysj}, scoped to BY-SJ, reads
 * execution, alerts and the alert stream and never meets the other department, not even by asking for
 * it by name or by id.
 */
class DepartmentScopeTest extends IntegrationTest {
    static final String OWN = "BY-SJ";
    static final String OTHER = "BY-XS";

    private final Http.Caller scoped = Http.as("viewer-bysj");

    @Test
    void aScopedViewerMeetsOnlyItsOwnDepartment() throws Exception {
        clock.setDate(LocalDate.of(2021, 6, 30));
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from alert_transition", Long.class);
        try (SseClient own = new SseClient(baseUrl(), Http.basic("viewer-bysj"), "", before);
                SseClient everyone = new SseClient(baseUrl(), Http.basic("viewer"), "", before)) {
            assertThat(own.status()).isEqualTo(200);

            // both departments raise their alerts while the streams are open
            ScenarioEvents s = scenario();
            List<RecordedEvent> events = new ArrayList<>(s.behindSchedule(OWN));
            events.addAll(s.behindSchedule(OTHER));
            publish(events);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> alertIds(OWN).size() == 3 && alertIds(OTHER).size() == 3);

            // execution: its own, and 404 for the other, as for a department that does not exist
            assertThat(scoped.get(execution(OWN)).status()).isEqualTo(200);
            Http.Response foreign = scoped.get(execution(OTHER));
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.contentType()).startsWith("application/problem+json");
            assertThat(Http.as("viewer").get(execution(OTHER)).status()).isEqualTo(200);

            // one alert by id: the other department's is not there for it
            long otherAlert = alertIds(OTHER).get(0);
            assertThat(scoped.get(baseUrl() + "/api/v1/alerts/" + otherAlert).status())
                    .isEqualTo(404);
            assertThat(scoped.get(baseUrl() + "/api/v1/alerts/" + alertIds(OWN).get(0))
                            .status())
                    .isEqualTo(200);
            assertThat(Http.as("viewer")
                            .get(baseUrl() + "/api/v1/alerts/" + otherAlert)
                            .status())
                    .isEqualTo(200);

            // the list: without a filter, with the other department as filter, and as of a day
            assertThat(departmentsIn(
                            scoped.get(baseUrl() + "/api/v1/alerts?year=2021").body()))
                    .containsOnly(OWN)
                    .hasSize(3);
            assertThat(scoped.get(baseUrl() + "/api/v1/alerts?department=" + OTHER)
                            .body())
                    .isEmpty();
            assertThat(departmentsIn(scoped.get(baseUrl() + "/api/v1/alerts?asOf=2021-06-30")
                            .body()))
                    .containsOnly(OWN);
            assertThat(scoped.get(baseUrl() + "/api/v1/alerts?asOf=2021-06-30&department=" + OTHER)
                            .body())
                    .isEmpty();
            assertThat(departmentsIn(Http.as("viewer")
                            .get(baseUrl() + "/api/v1/alerts?year=2021")
                            .body()))
                    .contains(OWN, OTHER);

            // a last BY-SJ transition after every other one: once the scoped stream has it, it has
            // been offered everything before it
            Http.Response marker = Http.as("budget-office")
                    .post(baseUrl() + "/api/v1/alerts/" + alertIds(OWN).get(0) + "/acknowledgement", "{}");
            assertThat(marker.status()).isEqualTo(200);
            long last =
                    jdbc.queryForObject("select max(id) from alert_transition where department = ?", Long.class, OWN);

            List<Sse> ownEvents = until(own, last);
            assertThat(ownEvents)
                    .extracting(Sse::data)
                    .allSatisfy(d -> assertThat(d).contains("\"department\":\"" + OWN + "\""));
            assertThat(ownEvents).extracting(Sse::id).containsExactlyElementsOf(transitionIds(OWN, before));
            assertThat(until(everyone, last))
                    .extracting(Sse::data)
                    .anySatisfy(d -> assertThat(d).contains("\"department\":\"" + OTHER + "\""));
        }
    }

    private String execution(String department) {
        return baseUrl() + "/api/v1/departments/" + department + "/years/2021/execution";
    }

    private List<Long> alertIds(String department) {
        return jdbc.queryForList("select id from alert where department = ? order by id", Long.class, department);
    }

    private List<Long> transitionIds(String department, long after) {
        return jdbc.queryForList(
                "select id from alert_transition where department = ? and id > ? order by id",
                Long.class,
                department,
                after);
    }

    private static List<String> departmentsIn(JsonNode alerts) {
        List<String> departments = new ArrayList<>();
        alerts.forEach(a -> departments.add(a.get("department").asText()));
        return departments;
    }

    /** Events as they arrive, up to and including transition {@code last}. */
    private static List<Sse> until(SseClient stream, long last) throws InterruptedException {
        List<Sse> received = new ArrayList<>();
        while (received.isEmpty() || received.get(received.size() - 1).id() < last) {
            Sse next = stream.events.poll(60, TimeUnit.SECONDS);
            assertThat(next).as("SSE event up to transition %d", last).isNotNull();
            received.add(next);
        }
        return received;
    }
}
