package io.budgetmonitor.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A dashboard on another origin ({@code budget.cors.allowed-origins}, set to one origin for the tests):
 * its browser's preflight passes without credentials, and its calls and alert stream carry the CORS
 * headers; any other origin is refused.
 */
class CorsTest extends IntegrationTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void aPreflightFromTheConfiguredOriginIsAllowedWithoutCredentials() throws Exception {
        for (String path : java.util.List.of(
                "/api/v1/departments", "/api/v1/alerts/stream", "/api/v1/departments/BY-SJ/years/2021/execution")) {
            HttpResponse<String> preflight = preflight(path, DASHBOARD_ORIGIN);
            assertThat(preflight.statusCode()).as(path).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue(DASHBOARD_ORIGIN);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                    .hasValue("true");
            assertThat(preflight
                            .headers()
                            .firstValue("Access-Control-Allow-Methods")
                            .orElse(""))
                    .contains("GET");
            assertThat(preflight
                            .headers()
                            .firstValue("Access-Control-Allow-Headers")
                            .orElse("")
                            .toLowerCase())
                    .contains("authorization", "last-event-id");
        }
    }

    @Test
    void anotherOriginIsRefused() throws Exception {
        HttpResponse<String> preflight = preflight("/api/v1/departments", "https://evil.example.com");
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();

        HttpResponse<String> call = CLIENT.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/departments"))
                        .header("Origin", "https://evil.example.com")
                        .header("Authorization", Http.basic("viewer"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(call.statusCode()).isEqualTo(403);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theConfiguredOriginsCallsCarryTheCorsHeadersAndStillNeedCredentials() throws Exception {
        HttpResponse<String> call = CLIENT.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/departments"))
                        .header("Origin", DASHBOARD_ORIGIN)
                        .header("Authorization", Http.basic("viewer"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD_ORIGIN);

        HttpResponse<String> anonymous = CLIENT.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/departments"))
                        .header("Origin", DASHBOARD_ORIGIN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> preflight(String path, String origin) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization,last-event-id")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
