package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.command.CommandServiceApplication;
import io.budgetmonitor.testkit.PostgresDatabase;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The chain continues across a restart: a second application context on the same database appends to
 * the aggregates the first one wrote, and the whole log (this test's own database) still verifies; the
 * head the auditor took before the restart is the head at its position afterwards.
 */
class EventChainRestartIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String YEAR = "/api/v1/departments/RST-CHAIN/years/2021";
    private static final String PASSWORD = "chain-restart-" + UUID.randomUUID();

    @Test
    void theChainStaysValidAcrossARestartOnTheSameDatabase() throws Exception {
        PostgresDatabase database = TestInfrastructure.get().newDatabase("command_chain_restart");
        JsonNode headBefore;
        try (ConfigurableApplicationContext first = start(database)) {
            int port = port(first);
            assertThat(send(port, "budget-office", "POST", YEAR, """
                    {"departmentName":"重启","occurredOn":"2021-01-01"}""").statusCode())
                    .isEqualTo(201);
            assertThat(send(port, "budget-office", "POST", YEAR + "/lines", """
                    {"line":"L1","name":"公用经费","fundSource":"GENERAL_PUBLIC_BUDGET","expenditureType":"PUBLIC_EXPENSE",
                     "appropriation":true,"amount":"1000.00","occurredOn":"2021-01-05"}""").statusCode())
                    .isEqualTo(201);
            pay(port, "R-1");
            headBefore = json(send(port, "auditor", "GET", "/api/v1/audit/head?department=RST-CHAIN&year=2021", null));
        }
        try (ConfigurableApplicationContext second = start(database)) {
            int port = port(second);
            pay(port, "R-2");
            pay(port, "R-3");

            JsonNode verification = json(send(port, "auditor", "GET", "/api/v1/audit/verify", null));
            long stored = second.getBean(JdbcTemplate.class)
                    .queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            assertThat(verification.get("brokenAt").isNull())
                    .as(verification.toString())
                    .isTrue();
            assertThat(verification.get("verified").asLong()).isEqualTo(stored).isEqualTo(5);
            JsonNode headThen = json(send(
                    port,
                    "auditor",
                    "GET",
                    "/api/v1/audit/head?department=RST-CHAIN&year=2021&atPosition="
                            + headBefore.get("lastPosition").asLong(),
                    null));
            assertThat(headThen.get("head")).isEqualTo(headBefore.get("head"));
            assertThat(json(send(port, "auditor", "GET", "/api/v1/audit/head?department=RST-CHAIN&year=2021", null))
                            .get("events")
                            .asLong())
                    .isEqualTo(5);
        }
    }

    private static ConfigurableApplicationContext start(PostgresDatabase database) {
        // arguments, not default properties: application.yml's datasource placeholders must lose
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password(),
                        "--budget.security.demo-password=" + PASSWORD,
                        "--spring.kafka.bootstrap-servers="
                                + TestInfrastructure.get().kafkaBootstrapServers());
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static void pay(int port, String voucher) throws Exception {
        HttpResponse<String> paid =
                send(port, "recorder", "POST", YEAR + "/lines/L1/disbursements", """
                {"voucher":"%s","amount":"10.00","payee":"某物业公司","purpose":"物业费","occurredOn":"2021-03-15"}""".formatted(voucher));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
    }

    /** A request signed in as the demo user {@code user} (HTTP Basic). */
    private static HttpResponse<String> send(int port, String user, String method, String path, String json)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + basic);
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return BudgetJson.mapper().readTree(response.body());
    }
}
