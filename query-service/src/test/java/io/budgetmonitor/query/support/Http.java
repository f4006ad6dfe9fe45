package io.budgetmonitor.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.BudgetJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Real HTTP against the running service, authenticated as a demo user (SECURITY.md). The plain
 * {@link #get}/{@link #post} call as {@code admin}, for tests about what the service computes; tests
 * about who may do what pick the caller with {@link #as}.
 */
public final class Http {
    /** Every demo user's password in the tests ({@code budget.security.demo-password}). */
    public static final String PASSWORD = "query-test-password";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {}

    public record Response(int status, String contentType, JsonNode body) {}

    /** Requests carrying one caller's credentials. */
    public record Caller(String authorization) {
        public Response get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", authorization)
                    .GET()
                    .build());
        }

        public Response post(String url, String json) {
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json))
                    .build());
        }
    }

    public static Caller as(String demoUser) {
        return new Caller(basic(demoUser));
    }

    public static Caller bearer(String token) {
        return new Caller("Bearer " + token);
    }

    public static String basic(String demoUser) {
        return "Basic "
                + Base64.getEncoder().encodeToString((demoUser + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    public static Response get(String url) {
        return as("admin").get(url);
    }

    public static Response post(String url, String json) {
        return as("admin").post(url, json);
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank()
                    ? null
                    : BudgetJson.mapper().readTree(response.body());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
