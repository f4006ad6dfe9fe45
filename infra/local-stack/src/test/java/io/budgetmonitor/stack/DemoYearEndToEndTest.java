package io.budgetmonitor.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product end to end, started the way the run command starts it (same entry point, a fresh
 * data directory, free ports): embedded PostgreSQL and Kafka, the three services as their own JVMs,
 * the Shijing 2021 demo year imported through {@code POST /api/v1/imports}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoYearEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Path dataDir;
    static LocalStack stack;
    static long demoLines;

    @BeforeAll
    static void startTheStack() throws IOException {
        dataDir = Files.createTempDirectory("budget-monitor-e2e");
        stack = new LocalStack(settings(dataDir), line -> System.out.println("[stack] " + line)).start();
        try (InputStream demo = LocalStack.class.getResourceAsStream(DemoLoader.DEMO_RESOURCE)) {
            demoLines = new String(demo.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
        }
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    static StackSettings settings(Path dataDir) {
        return StackSettings.parse(new String[]{"--data-dir=" + dataDir, "--command-port=0", "--query-port=0",
                "--scoring-port=0", "--postgres-port=0", "--kafka-port=0"}, Map.of());
    }

    @Test
    @Order(1)
    void everyLineOfTheDemoYearIsImported() {
        JsonNode report = stack.importReport().orElseThrow();
        assertThat(report.path("rejected")).as("rejected lines: %s", report.path("rejected")).isEmpty();
        assertThat(report.path("duplicates").asLong()).isZero();
        assertThat(report.path("accepted").asLong()).isEqualTo(demoLines);
        assertThat(report.path("position").asLong()).isPositive();
    }

    @Test
    @Order(2)
    void theEventStoreHoldsTheYearsTotalsAsReadableJson() throws SQLException {
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(Service.COMMAND), "postgres", "postgres")) {
            // what an auditor would type: the payloads are plain JSON
            BigDecimal disbursed = sum(db, "DisbursementRecorded", "amount");
            BigDecimal reversed = sum(db, "DisbursementReversed", "amount");
            BigDecimal allocated = sum(db, "BudgetAllocated", "amount");
            assertThat(disbursed.subtract(reversed)).isEqualByComparingTo("150426500.00");
            assertThat(allocated).isPositive();
        }
    }

    private static BigDecimal sum(Connection db, String eventName, String field) throws SQLException {
        try (var statement = db.prepareStatement(
                "select coalesce(sum((payload::jsonb ->> ?)::numeric), 0) from domain_event_entry where payload_type like ?")) {
            statement.setString(1, field);
            statement.setString(2, "%" + eventName);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBigDecimal(1);
            }
        }
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s → %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
