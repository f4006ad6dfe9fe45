package io.budgetmonitor.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.security.TestTokens;
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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one Spring context (same properties) for every subclass, on the real
 * PostgreSQL and Kafka of the test kit, driven over real HTTP. Tests keep apart by using their own
 * department codes.
 *
 * <p>Every request is authenticated (SECURITY.md): as {@value #DEFAULT_USER} unless the test names a
 * demo user ({@link #as}) or sends its own {@code Authorization}. A test issuer of JWTs is configured
 * too, for callers the demo users do not cover (a writer scoped to some departments).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // tests switch metrics export off by default; /actuator/prometheus is part of the contract
public abstract class IntegrationTest {

    private static PostgresDatabase database;
    private static final AtomicInteger DEPARTMENTS = new AtomicInteger();
    protected static final ObjectMapper JSON = BudgetJson.mapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    protected static final String PASSWORD = "command-it-" + UUID.randomUUID();
    /** Setup and tests that are not about roles run as the operator. */
    protected static final String DEFAULT_USER = "admin";
    /** Lives as long as the JVM, like the cached Spring context that trusts it. */
    protected static final TestTokens TOKENS = new TestTokens();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerSpringProperties(registry::add, database());
        registry.add("budget.security.demo-password", () -> PASSWORD);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
    }

    /** The header that signs a request in as a demo user. */
    protected static Map<String, String> as(String user) {
        return Map.of("Authorization", basic(user));
    }

    protected static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code extra} headers, signed in as {@code user}. */
    protected static Map<String, String> as(String user, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        headers.put("Authorization", basic(user));
        return headers;
    }

    private static synchronized PostgresDatabase database() {
        if (database == null) {
            database = TestInfrastructure.get().newDatabase("command_it");
        }
        return database;
    }

    /** A department code no other test uses. */
    protected static String newDepartment(String prefix) {
        return prefix + "-" + DEPARTMENTS.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 6);
    }

    protected record Response(int status, String contentType, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    protected Response post(String path, String json) {
        return post(path, json, Map.of());
    }

    protected Response post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(request, headers);
    }

    protected Response get(String path) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(60))
                        .GET(),
                Map.of());
    }

    /** A request without credentials (orchestrators, the API description, refusals). */
    protected Response getAnonymously(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri(path))
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    null,
                    response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A POST of {@code json} without credentials, or with only those {@code headers} carry. */
    protected Response postAnonymously(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return sendAsIs(request);
    }

    protected Response get(String path, Map<String, String> headers) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(60))
                        .GET(),
                headers);
    }

    /** Streams an NDJSON body from {@code body} (the client does not know the length either). */
    protected Response importNdjson(Supplier<InputStream> body) {
        return importNdjson(body, Map.of());
    }

    protected Response importNdjson(Supplier<InputStream> body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/imports"))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(body));
        return send(request, headers);
    }

    protected Response importNdjson(String ndjson) {
        return importNdjson(ndjson, Map.of());
    }

    protected Response importNdjson(String ndjson, Map<String, String> headers) {
        return importNdjson(
                () -> new java.io.ByteArrayInputStream(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                headers);
    }

    private Response send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        if (!headers.containsKey("Authorization")) {
            request.header("Authorization", basic(DEFAULT_USER));
        }
        return sendAsIs(request);
    }

    private Response sendAsIs(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json =
                    body == null || body.isBlank() || !contentType.contains("json") ? null : JSON.readTree(body);
            return new Response(response.statusCode(), contentType, json, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected String yearPath(String department, int year) {
        return "/api/v1/departments/" + department + "/years/" + year;
    }

    /** Opens {@code department}'s 2021 and allocates one line with {@code amount}. */
    protected void openYearWithLine(String department, String line, String amount) {
        Response opened = post(yearPath(department, 2021), """
                {"departmentName":"测试部门","occurredOn":"2021-01-01"}""", as("budget-office"));
        if (opened.status() != 201) {
            throw new AssertionError("open: " + opened.status() + " " + opened.body());
        }
        Response allocated =
                post(yearPath(department, 2021) + "/lines", """
                {"line":"%s","name":"公用经费","fundSource":"GENERAL_PUBLIC_BUDGET","expenditureType":"PUBLIC_EXPENSE",
                 "appropriation":true,"amount":"%s","occurredOn":"2021-01-05"}""".formatted(line, amount), as("budget-office"));
        if (allocated.status() != 201) {
            throw new AssertionError("allocate: " + allocated.status() + " " + allocated.body());
        }
    }

    protected String disbursement(String voucher, String amount) {
        return """
                {"voucher":"%s","amount":"%s","payee":"某物业公司","purpose":"办公楼物业费","procurement":false,"occurredOn":"2021-03-15"}""".formatted(voucher, amount);
    }

    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    protected long eventCount(String aggregatePrefix, String payloadTypeSuffix) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ? AND payload_type LIKE ?",
                Long.class,
                aggregatePrefix + "%",
                "%" + payloadTypeSuffix);
    }
}
