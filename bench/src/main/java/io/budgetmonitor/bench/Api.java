package io.budgetmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.stack.DemoUsersFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** The services' HTTP API as the demo users call it (Basic authentication, as SECURITY.md allows locally). */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RECORDER = "recorder";
    static final String VIEWER = "viewer";
    static final String EVALUATOR = "evaluator";
    static final String ADMIN = DemoUsersFile.ADMIN;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final DemoUsersFile users;

    Api(DemoUsersFile users) {
        this.users = users;
    }

    HttpClient http() {
        return http;
    }

    String authorization(String user) {
        return users.authorization(user);
    }

    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    Answer send(String method, String url, String user, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofHours(2))
                .header("Authorization", users.authorization(user));
        request = json == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** A call that must succeed (2xx). */
    JsonNode ok(String method, String url, String user, String json) throws IOException, InterruptedException {
        Answer answer = send(method, url, user, json);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " → " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    /** {@code POST /api/v1/imports}; fails unless every line was accepted. */
    JsonNode importAll(String commandUrl, String user, Supplier<InputStream> ndjson)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl + "/api/v1/imports"))
                .timeout(Duration.ofHours(2))
                .header("Authorization", users.authorization(user))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(ndjson))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode report = JSON.readTree(response.body());
        if (response.statusCode() != 200 || report.path("rejectedCount").asLong(0) > 0) {
            throw new IllegalStateException(
                    "import: " + response.statusCode() + " " + Throughput.abbreviate(response.body()));
        }
        return report;
    }

    /** Waits until a reader ({@code GET /api/v1/position}) has applied the log up to {@code position}. */
    void awaitPosition(String readerUrl, long position, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode answer = ok("GET", readerUrl + "/api/v1/position", VIEWER, null);
            if (answer.path("position").asLong() >= position) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(readerUrl + " did not reach position " + position + " in " + timeout
                        + " (at " + answer.path("position").asLong() + ")");
            }
            Thread.sleep(200);
        }
    }
}
