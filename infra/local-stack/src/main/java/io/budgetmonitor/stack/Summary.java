package io.budgetmonitor.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The few lines printed when the stack is up: where things are and how the demo year stands. */
final class Summary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    List<String> lines(LocalStack stack, StackSettings settings, String department, int year) {
        List<String> lines = new ArrayList<>();
        for (Service service : settings.services()) {
            String url = stack.url(service);
            lines.add(String.format("  %-16s %s   (OpenAPI: %s/swagger-ui.html)", service.artifact(), url, url));
        }
        if (settings.services().contains(Service.QUERY)) {
            String query = stack.url(Service.QUERY);
            get(query + "/api/v1/departments/" + department + "/years/" + year + "/execution").ifPresent(execution ->
                    lines.add("  " + department + " " + year + " execution rate: "
                            + percent(execution.path("executionRate").asText())
                            + " (budget " + execution.path("budget").asText() + ", executed "
                            + execution.path("executed").asText() + " yuan)"));
            get(query + "/api/v1/alerts?department=" + department).ifPresent(alerts -> {
                JsonNode items = alerts.isArray() ? alerts : alerts.path("alerts");
                long open = 0;
                for (JsonNode alert : items) {
                    if (!"RESOLVED".equals(alert.path("status").asText())) {
                        open++;
                    }
                }
                lines.add("  open alerts: " + open + "   (" + query + "/api/v1/alerts?department=" + department + ")");
            });
        }
        if (settings.services().contains(Service.SCORING)) {
            post(stack.url(Service.SCORING) + "/api/v1/evaluations",
                    "{\"department\":\"" + department + "\",\"fiscalYear\":" + year + "}").ifPresent(evaluation ->
                    lines.add("  year-end score: " + evaluation.path("total").asText() + " ("
                            + evaluation.path("grade").asText() + ")   report: " + stack.url(Service.SCORING)
                            + "/api/v1/evaluations/" + evaluation.path("id").asText() + "/report"));
        }
        return lines;
    }

    private static String percent(String ratio) {
        try {
            return new BigDecimal(ratio).movePointRight(2).setScale(2, RoundingMode.HALF_UP) + "%";
        } catch (NumberFormatException e) {
            return ratio;
        }
    }

    private java.util.Optional<JsonNode> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private java.util.Optional<JsonNode> post(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private java.util.Optional<JsonNode> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? java.util.Optional.of(JSON.readTree(response.body()))
                    : java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }
}
