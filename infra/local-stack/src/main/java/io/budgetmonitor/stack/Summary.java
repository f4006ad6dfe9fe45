package io.budgetmonitor.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few lines printed when the stack is up: where things are (the dashboard too), who may sign in, and how the demo
 * year stands. It reads as {@code auditor} and takes a snapshot as {@code evaluator}, like any client.
 */
final class Summary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER = "auditor";
    private static final String EVALUATOR = "evaluator";
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Where each service is and, when a scenario is loaded, how its year stands: execution, the
     * alerts to act on (grouped, see {@link #toActOn}) and the year-end score. The score is the latest evaluation snapshot when nothing has
     * arrived since it was taken; otherwise one is taken, so restarts do not pile up identical snapshots.
     */
    List<String> lines(LocalStack stack, StackSettings settings, Optional<DemoLoader.DepartmentYear> loaded) {
        Calls calls = new Calls(http, stack.demoUsers());
        List<String> lines = new ArrayList<>();
        for (Service service : settings.services()) {
            String url = stack.url(service);
            lines.add(String.format("  %-16s %s   (OpenAPI: %s/swagger-ui.html)", service.artifact(), url, url));
        }
        if (settings.services().contains(Service.QUERY)) {
            lines.add(String.format(
                    "  %-16s %s   (sign in as a demo user below)",
                    "dashboard", dashboard(stack.url(Service.QUERY), loaded)));
        }
        lines.addAll(users(settings, stack.demoUsers()));
        if (loaded.isEmpty()) {
            lines.add("  no scenario loaded in " + settings.dataDir() + " (record one through the command service)");
            return lines;
        }
        String department = loaded.get().department();
        int year = loaded.get().fiscalYear();
        if (settings.services().contains(Service.QUERY)) {
            String query = stack.url(Service.QUERY);
            calls.get(query + "/api/v1/departments/" + department + "/years/" + year + "/execution")
                    .ifPresent(execution -> lines.add("  " + department + " " + year + " execution rate: "
                            + percent(execution.path("executionRate").asText())
                            + " (budget " + execution.path("budget").asText() + ", executed "
                            + execution.path("executed").asText() + " yuan)"));
            calls.get(query + "/api/v1/alerts/groups?department=" + department + "&year=" + year)
                    .ifPresent(groups -> lines.addAll(toActOn(query, department, year, groups)));
        }
        if (settings.services().contains(Service.SCORING)) {
            String scoring = stack.url(Service.SCORING);
            currentEvaluation(calls, scoring, department, year)
                    .ifPresent(evaluation -> lines.add("  year-end score: "
                            + evaluation.path("total").asText() + " ("
                            + evaluation.path("grade").asText() + ")   report: " + scoring
                            + "/api/v1/evaluations/" + evaluation.path("id").asText() + "/report"));
        }
        return lines;
    }

    /** The most groups printed; the rest are counted, and the link lists them all. */
    static final int GROUPS_SHOWN = 5;

    /**
     * 待处理预警 instead of a raw count: one line per department-year and rule, its worst severity, how
     * many subjects and the worst one with its message — what a budget office would act on today. A
     * closed year has none (its alerts were resolved with it); its history stays behind the link.
     */
    static List<String> toActOn(String queryUrl, String department, int year, JsonNode groups) {
        String link = queryUrl + "/api/v1/alerts/groups?department=" + department + "&year=" + year;
        List<String> lines = new ArrayList<>();
        if (!groups.isArray() || groups.isEmpty()) {
            lines.add("  alerts to act on (" + department + " " + year + "): none   (every alert: " + queryUrl
                    + "/api/v1/alerts?department=" + department + "&year=" + year + ")");
            return lines;
        }
        lines.add("  alerts to act on (" + department + " " + year + "): " + groups.size() + " group(s)   (" + link
                + ")");
        for (int i = 0; i < Math.min(GROUPS_SHOWN, groups.size()); i++) {
            JsonNode group = groups.get(i);
            JsonNode worst = group.path("worst");
            lines.add(String.format(
                    "    %-8s %s ×%d, worst %s: %s",
                    group.path("severity").asText(),
                    group.path("rule").asText(),
                    group.path("count").asInt(),
                    worst.path("subject").asText(),
                    worst.path("message").asText()));
        }
        if (groups.size() > GROUPS_SHOWN) {
            lines.add("    … and " + (groups.size() - GROUPS_SHOWN) + " more group(s)");
        }
        return lines;
    }

    /**
     * The dashboard's address; with the loaded year and department in it, so the page opens on the
     * demo year even where the API cannot list years and departments yet.
     */
    static String dashboard(String queryUrl, Optional<DemoLoader.DepartmentYear> loaded) {
        return queryUrl + "/"
                + loaded.map(l -> "?year=" + l.fiscalYear() + "&department="
                                + URLEncoder.encode(l.department(), StandardCharsets.UTF_8))
                        .orElse("");
    }

    private static Optional<JsonNode> currentEvaluation(Calls calls, String scoring, String department, int year) {
        Optional<JsonNode> latest = calls.get(
                        scoring + "/api/v1/evaluations?department=" + department + "&fiscalYear=" + year)
                .filter(list -> list.isArray() && !list.isEmpty())
                .map(list -> list.get(list.size() - 1));
        long position = calls.get(scoring + "/api/v1/position")
                .map(p -> p.path("position").asLong())
                .orElse(-1L);
        if (latest.isPresent() && latest.get().path("position").asLong() == position) {
            return latest;
        }
        return calls.post(
                scoring + "/api/v1/evaluations", "{\"department\":\"" + department + "\",\"fiscalYear\":" + year + "}");
    }

    /**
     * The demo users and, unless one password was given (whoever gave it knows it, and a script's log
     * need not hold it), their random passwords: otherwise only the owner-only file would tell them.
     */
    static List<String> users(StackSettings settings, DemoUsersFile demoUsers) {
        List<String> lines = new ArrayList<>();
        boolean given = settings.demoPassword().isPresent();
        lines.add("  demo users (HTTP Basic, e.g. curl -u viewer:PASSWORD; passwords in " + demoUsers.path() + "):");
        for (DemoUsersFile.DemoUser user : DemoUsersFile.USERS) {
            lines.add(String.format(
                    "    %-14s %-18s %s",
                    user.username(), given ? "(--demo-password)" : demoUsers.password(user.username()), user.may()));
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

    /** Reads as {@link #READER}, takes snapshots as {@link #EVALUATOR}; an answer other than 2xx is no answer. */
    private record Calls(HttpClient http, DemoUsersFile users) {

        Optional<JsonNode> get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", users.authorization(READER))
                    .GET()
                    .build());
        }

        Optional<JsonNode> post(String url, String body) {
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("Authorization", users.authorization(EVALUATOR))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
        }

        private Optional<JsonNode> send(HttpRequest request) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() / 100 == 2
                        ? Optional.of(JSON.readTree(response.body()))
                        : Optional.empty();
            } catch (Exception e) {
                return Optional.empty();
            }
        }
    }
}
