package io.budgetmonitor.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.command.CommandServiceApplication;
import io.budgetmonitor.testkit.PostgresDatabase;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command service started by hand, for tests that are not JUnit Jupiter tests (jqwik properties
 * do not run Jupiter extensions, so {@code @SpringBootTest} does not apply): a fresh database and
 * its own Kafka topic on the test kit's real servers, a random port, plain HTTP.
 *
 * <p>The demo users are on (one random password for all, SECURITY.md) and every request signs in
 * as {@value #DEFAULT_USER} unless it names another user or goes {@link #postAnonymously anonymously}.
 */
final class RunningCommandService implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String PASSWORD = "command-props-" + UUID.randomUUID();
    /** Setup and requests that are not about roles run as the operator. */
    static final String DEFAULT_USER = "admin";

    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;
    private final int port;

    private RunningCommandService(ConfigurableApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    static RunningCommandService start(String name) {
        PostgresDatabase database = TestInfrastructure.get().newDatabase(name);
        return startOn(database.jdbcUrl(), database.username(), database.password(), name);
    }

    /**
     * A further instance on an existing database (several command-service instances share one store),
     * publishing to its own topic {@code budget.events.<name>}.
     */
    static RunningCommandService startOn(String jdbcUrl, String username, String password, String name) {
        // command-line arguments: default properties would lose to application.yml's own placeholders
        Map<String, String> settings = Map.of(
                "server.port",
                "0",
                "spring.datasource.url",
                jdbcUrl,
                "spring.datasource.username",
                username,
                "spring.datasource.password",
                password,
                "spring.kafka.bootstrap-servers",
                TestInfrastructure.get().kafkaBootstrapServers(),
                "budget.events.topic",
                "budget.events." + name,
                "budget.security.demo-password",
                PASSWORD,
                "spring.main.banner-mode",
                "off");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(settings.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        return new RunningCommandService(context);
    }

    /** An answer and how long it took by the test's own clock. */
    record Answer(int status, String contentType, String body, long millis) {

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        JsonNode json() {
            try {
                return BudgetJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + ", " + contentType + "): " + body, e);
            }
        }
    }

    /** The {@code Authorization} header that signs a request in as a demo user. */
    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs {@code json} signed in as {@value #DEFAULT_USER}, unless {@code headers} hold their own {@code Authorization}. */
    Answer post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = postRequest(path, json, headers);
        if (!headers.containsKey("Authorization")) {
            request.header("Authorization", basic(DEFAULT_USER));
        }
        return send(request.build());
    }

    /** POSTs {@code json} with no credentials but those {@code headers} may carry. */
    Answer postAnonymously(String path, String json, Map<String, String> headers) {
        return send(postRequest(path, json, headers).build());
    }

    private HttpRequest.Builder postRequest(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return request;
    }

    Answer importNdjson(Supplier<InputStream> body) {
        return send(HttpRequest.newBuilder(uri("/api/v1/imports"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", basic(DEFAULT_USER))
                .POST(HttpRequest.BodyPublishers.ofInputStream(body))
                .build());
    }

    private Answer send(HttpRequest request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = exchange(request);
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One exchange; when the connection closed before a single byte of the answer arrived, once more on a
     * fresh connection. Why: Tomcat refuses an over-long request line after reading part of it and closes
     * the socket with the rest unread, which makes the kernel send a reset that can overtake its 400 on a
     * loaded machine (the client then sees "header parser received no bytes"), and a pooled connection may
     * have been closed by the server while idle. A request the server never answered had no effect to
     * double, and the properties check the event count around every call; a server that really never
     * answers fails the second attempt too.
     */
    private static HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException lost) {
            System.err.println("no answer (" + lost.getMessage() + ") to " + request.method() + " "
                    + abbreviated(request.uri().getRawPath()) + "; once more on a fresh connection");
            HttpClient fresh = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            return fresh.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + " chars)";
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
