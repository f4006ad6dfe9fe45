package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.SseClient;
import io.budgetmonitor.query.support.SseClient.Sse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSE over real HTTP: disconnect, miss transitions, reconnect with Last-Event-ID, get exactly those. */
class AlertStreamTest extends IntegrationTest {
    private SseClient stream(String query, Long lastEventId) {
        return new SseClient(baseUrl(), Http.basic("viewer"), query, lastEventId);
    }

    /** The monitor's day moves to {@code date} and it re-evaluates (only today's evaluation writes). */
    private void evaluate(String date) {
        clock.setDate(LocalDate.parse(date));
        assertThat(Http.post(baseUrl() + "/api/v1/admin/evaluations?department=SSE&year=2021", null)
                        .status())
                .isEqualTo(200);
    }

    private List<Long> storedIdsAfter(long id) {
        return jdbc.queryForList(
                "select id from alert_transition where department = 'SSE' and rule = 'EXECUTION_BEHIND_SCHEDULE' and id > ? order by id",
                Long.class,
                id);
    }

    @Test
    void reconnectWithLastEventIdReceivesExactlyTheMissedTransitions() throws Exception {
        clock.setDate(LocalDate.of(2021, 6, 30));
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from alert_transition", Long.class);
        List<Sse> seen = new ArrayList<>();
        try (SseClient first = stream("department=SSE&rule=EXECUTION_BEHIND_SCHEDULE", before)) {
            publish(scenario().behindSchedule("SSE"));
            seen.addAll(first.take(3)); // OPENED × 3 (department, fund source, line)
            evaluate("2021-03-31"); // RESOLVED × 3
            seen.addAll(first.take(3));
        }
        assertThat(seen).extracting(Sse::id).containsExactlyElementsOf(storedIdsAfter(before));
        long lastSeen = seen.get(seen.size() - 1).id();

        evaluate("2021-05-15"); // REOPENED × 3 while nobody listens
        evaluate("2021-06-30"); // ESCALATED × 3
        List<Long> missed = storedIdsAfter(lastSeen);
        assertThat(missed).hasSize(6);

        try (SseClient again = stream("department=SSE&rule=EXECUTION_BEHIND_SCHEDULE", lastSeen)) {
            List<Sse> replayed = again.take(6);
            assertThat(replayed).extracting(Sse::id).containsExactlyElementsOf(missed);
            assertThat(replayed.subList(0, 3))
                    .allSatisfy(e -> assertThat(e.data()).contains("\"transition\":\"REOPENED\""));
            assertThat(replayed.subList(3, 6))
                    .allSatisfy(e -> assertThat(e.data()).contains("\"transition\":\"ESCALATED\""));
            evaluate("2021-03-31"); // live after the replay: no duplicate, no gap
            List<Sse> live = again.take(3);
            assertThat(live).extracting(Sse::id).containsExactlyElementsOf(storedIdsAfter(missed.get(5)));
            assertThat(again.events).isEmpty();
        }
    }

    @Test
    void manySubscribersShareOneDispatcher() throws Exception {
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from alert_transition", Long.class);
        List<SseClient> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(stream("department=MANY", before));
        }
        clock.setDate(LocalDate.of(2021, 6, 30));
        publish(scenario().behindSchedule("MANY"));
        List<List<Sse>> received = new ArrayList<>();
        for (SseClient c : clients) {
            received.add(c.take(3));
        }
        List<Long> stored = jdbc.queryForList(
                "select id from alert_transition where department = 'MANY' and id > ? order by id", Long.class, before);
        assertThat(received).allSatisfy(events -> {
            assertThat(events)
                    .extracting(Sse::data)
                    .allSatisfy(d -> assertThat(d).contains("\"department\":\"MANY\""));
            assertThat(events).extracting(Sse::id).containsExactlyElementsOf(stored.subList(0, 3));
        });
        for (SseClient c : clients) {
            assertThat(c.events).as("nothing sent twice").isEmpty();
            c.close();
        }
    }
}
