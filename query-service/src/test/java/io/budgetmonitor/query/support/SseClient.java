package io.budgetmonitor.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A dashboard on the alert stream over real HTTP: parses events, as they arrive, into a queue. */
public final class SseClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /**
     * Each stream is read on a thread of its own: a plain {@code thenAccept} ran the endless read on the
     * test's thread whenever the response (headers and the ": subscribed" comment) was already complete,
     * which on a loaded machine hung the test for good.
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sse-client");
        t.setDaemon(true);
        return t;
    });

    /** One received event. */
    public record Sse(long id, String data) {}

    public final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    /**
     * @param authorization the {@code Authorization} header ({@link Http#basic})
     * @param lastEventId   resume after this transition id, or {@code null} for live from now
     */
    public SseClient(String baseUrl, String authorization, String query, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/alerts/stream?" + query))
                .header("Accept", "text/event-stream")
                .header("Authorization", authorization);
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        response = CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(
                r -> {
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
                },
                READERS);
    }

    /** The stream's HTTP status, once its headers arrived. */
    public int status() throws Exception {
        return response.get(60, TimeUnit.SECONDS).statusCode();
    }

    public List<Sse> take(int n) throws InterruptedException {
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
