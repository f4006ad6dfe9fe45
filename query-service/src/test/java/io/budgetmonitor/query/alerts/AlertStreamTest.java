package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** SSE over real HTTP: disconnect, miss transitions, reconnect with Last-Event-ID, get exactly those. */
class AlertStreamTest extends IntegrationTest {
    private final HttpClient client = HttpClient.newHttpClient();

    record Sse(long id, String data) {
    }

    /** A streaming client: parses events on the HTTP client's thread into a queue. */
    final class StreamClient implements AutoCloseable {
        final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;

        StreamClient(String query, Long lastEventId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/alerts/stream?" + query))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", Long.toString(lastEventId));
            }
            response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(r -> {
                long[] id = {-1};
                StringBuilder data = new StringBuilder();
                try {
                    r.body().forEach(line -> {
                        if (line.startsWith("id:")) {
                            id[0] = Long.parseLong(line.substring(3).trim());
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5));
                        } else if (line.isEmpty() && id[0] >= 0) {
                            events.add(new Sse(id[0], data.toString()));
                            id[0] = -1;
                            data.setLength(0);
                        }
                    });
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            });
        }

        List<Sse> take(int n) throws InterruptedException {
            List<Sse> taken = new ArrayList<>();
            while (taken.size() < n) {
                Sse e = events.poll(60, TimeUnit.SECONDS);
                assertThat(e).as("SSE event %d of %d", taken.size() + 1, n).isNotNull();
                taken.add(e);
            }
            return taken;
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }

    private void evaluate(String date) {
        assertThat(Http.post(baseUrl() + "/api/v1/admin/evaluations?department=SSE&year=2021&date=" + date, null).status())
                .isEqualTo(200);
    }

    private List<Long> storedIdsAfter(long id) {
        return jdbc.queryForList("select id from alert_transition where department = 'SSE' and rule = 'EXECUTION_BEHIND_SCHEDULE' and id > ? order by id", Long.class, id);
    }

    @Test
    void reconnectWithLastEventIdReceivesExactlyTheMissedTransitions() throws Exception {
        clock.setDate(LocalDate.of(2021, 6, 30));
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from alert_transition", Long.class);
        List<Sse> seen = new ArrayList<>();
        try (StreamClient first = new StreamClient("department=SSE&rule=EXECUTION_BEHIND_SCHEDULE", before)) {
            publish(AlertFlowTest.behindScenario(scenario(), "SSE"));
            seen.addAll(first.take(3)); // OPENED × 3 (department, fund source, line)
            evaluate("2021-03-31");     // RESOLVED × 3
            seen.addAll(first.take(3));
        }
        assertThat(seen).extracting(Sse::id).containsExactlyElementsOf(storedIdsAfter(before));
        long lastSeen = seen.get(seen.size() - 1).id();

        evaluate("2021-05-15"); // REOPENED × 3 while nobody listens
        evaluate("2021-06-30"); // ESCALATED × 3
        List<Long> missed = storedIdsAfter(lastSeen);
        assertThat(missed).hasSize(6);

        try (StreamClient again = new StreamClient("department=SSE&rule=EXECUTION_BEHIND_SCHEDULE", lastSeen)) {
            List<Sse> replayed = again.take(6);
            assertThat(replayed).extracting(Sse::id).containsExactlyElementsOf(missed);
            assertThat(replayed.subList(0, 3)).allSatisfy(e -> assertThat(e.data()).contains("\"transition\":\"REOPENED\""));
            assertThat(replayed.subList(3, 6)).allSatisfy(e -> assertThat(e.data()).contains("\"transition\":\"ESCALATED\""));
            evaluate("2021-03-31"); // live after the replay: no duplicate, no gap
            List<Sse> live = again.take(3);
            assertThat(live).extracting(Sse::id).containsExactlyElementsOf(storedIdsAfter(missed.get(5)));
            assertThat(again.events).isEmpty();
        }
    }

    @Test
    void manySubscribersShareOneDispatcher() throws Exception {
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from alert_transition", Long.class);
        List<StreamClient> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(new StreamClient("department=MANY", before));
        }
        clock.setDate(LocalDate.of(2021, 6, 30));
        publish(AlertFlowTest.behindScenario(scenario(), "MANY"));
        List<List<Sse>> received = new ArrayList<>();
        for (StreamClient c : clients) {
            received.add(c.take(3));
        }
        List<Long> stored = jdbc.queryForList("select id from alert_transition where department = 'MANY' and id > ? order by id",
                Long.class, before);
        assertThat(received).allSatisfy(events -> {
            assertThat(events).extracting(Sse::data).allSatisfy(d -> assertThat(d).contains("\"department\":\"MANY\""));
            assertThat(events).extracting(Sse::id).containsExactlyElementsOf(stored.subList(0, 3));
        });
        for (StreamClient c : clients) {
            assertThat(c.events).as("nothing sent twice").isEmpty();
            c.close();
        }
    }
}
