package io.budgetmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The route x role matrix of one service (SECURITY.md "What tests prove"). A service's test states,
 * from the contract and independently of the service's own {@link RouteRules}, which roles may call
 * each route; this class then
 * <ol>
 *   <li>reads every route from Spring's handler mappings and fails on any the table does not name
 *       (so a new route without a decision fails the build), and on any the table names that no
 *       longer exists;</li>
 *   <li>calls every route over real HTTP as nobody (401), as each demo user (allowed, or 403), and, on
 *       routes with a {@code {department}}, as the scoped viewer on another department (404) and on
 *       its own;</li>
 *   <li>prints the whole matrix and asserts every cell.</li>
 * </ol>
 * "Allowed" means the request passed security: any answer but 401 and 403, and no 5xx.
 */
public final class RouteMatrix {

    /** A route as Spring maps it: method and pattern. */
    public record Route(HttpMethod method, String pattern) implements Comparable<Route> {
        public static Route get(String pattern) {
            return new Route(HttpMethod.GET, pattern);
        }

        public static Route post(String pattern) {
            return new Route(HttpMethod.POST, pattern);
        }

        @Override
        public int compareTo(Route other) {
            int byPattern = pattern.compareTo(other.pattern);
            return byPattern != 0 ? byPattern : method.name().compareTo(other.method.name());
        }

        @Override
        public String toString() {
            return method.name() + " " + pattern;
        }
    }

    /** Who may call a route; an empty set is an open route. ADMIN is always allowed. */
    public record Access(Set<Role> roles) {
        public static Access open() {
            return new Access(Set.of());
        }

        public static Access roles(Role first, Role... more) {
            return new Access(EnumSet.of(first, more));
        }

        boolean admits(Set<Role> held) {
            return roles.isEmpty() || held.contains(Role.ADMIN) || held.stream().anyMatch(roles::contains);
        }
    }

    /** One cell's outcome. */
    public record Cell(Route route, String caller, String expected, int status, boolean ok) {}

    public static final String OTHER_DEPARTMENT = "ZZ-OTHER";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> SPRINGDOC =
            Set.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/swagger-ui.html");

    private final String baseUrl;
    private final String password;
    private final Map<Route, Access> table;
    private final Map<String, String> sampleVariables;
    private final Map<Route, String> bodies = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param baseUrl         the running service
     * @param password        the demo users' password in this test
     * @param table           the contract's table for this service
     * @param sampleVariables values for path variables ({@code department} is in the scoped viewer's scope)
     */
    public RouteMatrix(String baseUrl, String password, Map<Route, Access> table, Map<String, String> sampleVariables) {
        this.baseUrl = baseUrl;
        this.password = password;
        this.table = Map.copyOf(table);
        this.sampleVariables = Map.copyOf(sampleVariables);
    }

    /** A request body for a route ({@code {}} as JSON otherwise). */
    public RouteMatrix body(Route route, String body) {
        bodies.put(route, body);
        return this;
    }

    /** Every route Spring MVC serves in this context, springdoc's own pages aside. */
    public static Set<Route> handlerRoutes(ApplicationContext context) {
        Set<Route> routes = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping :
                context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                    mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                Set<String> patterns = info.getPatternValues();
                var methods = info.getMethodsCondition().getMethods();
                for (String pattern : patterns) {
                    if (SPRINGDOC.contains(pattern)
                            || pattern.startsWith("/swagger-ui")
                            || pattern.startsWith("/v3/api-docs")
                            || pattern.equals("/error")) {
                        continue;
                    }
                    if (methods.isEmpty()) {
                        routes.add(Route.get(pattern));
                    }
                    methods.forEach(method -> routes.add(new Route(HttpMethod.valueOf(method.name()), pattern)));
                }
            }
        }
        return routes;
    }

    /** The table names exactly the routes the service serves. */
    public void assertCoversExactly(Set<Route> served) {
        Set<Route> unnamed = new TreeSet<>(served);
        unnamed.removeAll(table.keySet());
        Set<Route> stale = new TreeSet<>(table.keySet());
        stale.removeAll(served);
        assertThat(unnamed)
                .as("routes the service serves that the security matrix does not name")
                .isEmpty();
        assertThat(stale)
                .as("routes in the security matrix that the service no longer serves")
                .isEmpty();
    }

    /** Calls every cell, prints the matrix and asserts it; answers the cells for reporting. */
    public List<Cell> assertAllCells() {
        List<Cell> cells = new ArrayList<>();
        for (Route route : new TreeSet<>(table.keySet())) {
            Access access = table.get(route);
            String path = path(route, sampleVariables.getOrDefault("department", "BY-SJ"));
            cells.add(cell(route, "anonymous", access.roles().isEmpty() ? "allowed" : "401", call(route, path, null)));
            for (DemoUsers.DemoUser user : DemoUsers.ALL) {
                String expected = access.admits(user.roles()) ? "allowed" : "403";
                cells.add(cell(route, user.username(), expected, call(route, path, user.username())));
            }
            if (route.pattern().contains("{department}")) {
                DemoUsers.DemoUser scoped = DemoUsers.ALL.stream()
                        .filter(user -> !user.departments().contains(DepartmentScope.ALL))
                        .findFirst()
                        .orElseThrow();
                String expected = access.roles().isEmpty() ? "allowed" : access.admits(scoped.roles()) ? "404" : "403";
                cells.add(cell(
                        route,
                        scoped.username() + "@" + OTHER_DEPARTMENT,
                        expected,
                        call(route, path(route, OTHER_DEPARTMENT), scoped.username())));
            }
        }
        StringBuilder printed = new StringBuilder("security matrix: " + table.size() + " routes x "
                + (DemoUsers.ALL.size() + 1) + " callers (+ out-of-scope cells) = " + cells.size() + " cells\n");
        cells.forEach(cell -> printed.append(String.format(
                "  %-4s %-70s %-22s expected %-7s got %d %s%n",
                cell.route().method(),
                cell.route().pattern(),
                cell.caller(),
                cell.expected(),
                cell.status(),
                cell.ok() ? "" : "  <-- WRONG")));
        System.out.println(printed);
        assertThat(cells.stream().filter(cell -> !cell.ok()).map(Cell::toString).toList())
                .as("cells of the security matrix that do not hold")
                .isEmpty();
        return cells;
    }

    private static Cell cell(Route route, String caller, String expected, int status) {
        boolean ok = switch (expected) {
            case "allowed" -> status != 401 && status != 403 && status < 500;
            default -> status == Integer.parseInt(expected);
        };
        return new Cell(route, caller, expected, status, ok);
    }

    private String path(Route route, String department) {
        Matcher matcher = VARIABLE.matcher(route.pattern());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = name.equals("department") ? department : sampleVariables.getOrDefault(name, "x");
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString().replace("/**", "/x");
    }

    private int call(Route route, String path, String username) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json, text/event-stream, */*");
        if (username != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (route.method() == HttpMethod.GET) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(
                            route.method().name(),
                            HttpRequest.BodyPublishers.ofString(bodies.getOrDefault(route, "{}")));
        }
        try {
            // headers only: an event stream answers its status and then stays open
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (Exception failed) {
            throw new AssertionError(route + " as " + username + " failed: " + failed, failed);
        }
    }
}
