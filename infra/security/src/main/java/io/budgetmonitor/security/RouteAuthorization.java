package io.budgetmonitor.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A service's {@link RouteRules} as one authorization decision per request: the first row whose method
 * and pattern match decides (open, or one of its roles, ADMIN always), {@code /error} is open (it renders
 * the problem of a request already decided), and a request no row names is refused.
 *
 * <p>Why not Spring's {@code requestMatchers(method, pattern).hasAnyRole(...)} per row: that registers one
 * {@code MvcRequestMatcher} per row and tries them one after another on every request, each going through
 * Spring MVC's handler-mapping introspection; on command-service that was the hottest method of a payment
 * (path-pattern matching, 2–3% of the samples). Here each pattern is parsed once, and a request is matched
 * only against the rows of its method whose pattern has as many path elements as the request's (a pattern
 * without {@code **} or <code>{*var}</code> cannot match a path of another length), in the table's order.
 * Patterns match the path within the application the way Spring MVC maps it ({@link PathPattern}, decoded
 * segments, no optional trailing slash), so a row protects exactly the handler it names.
 */
final class RouteAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);
    private static final PathPattern ERROR_PAGE = PathPatternParser.defaultInstance.parse("/error");

    /** One row, compiled: its pattern parsed, its roles as the authorities that pass it (ADMIN's included). */
    private record Row(int order, HttpMethod method, PathPattern pattern, int elements, Set<String> authorities) {
        boolean variableLength() {
            return elements < 0;
        }
    }

    /** Per method: the rows for each path length some row has, and the variable-length rows for any other. */
    private record ByLength(Map<Integer, List<Row>> fixed, List<Row> anyLength) {
        List<Row> candidates(int elements) {
            return fixed.getOrDefault(elements, anyLength);
        }
    }

    private final Map<HttpMethod, ByLength> byMethod;

    RouteAuthorization(List<RouteRule> rules) {
        List<Row> rows = new ArrayList<>();
        for (RouteRule rule : rules) {
            PathPattern pattern = PathPatternParser.defaultInstance.parse(rule.pattern());
            rows.add(new Row(rows.size(), rule.method(), pattern, elementsOf(rule.pattern()), rule.authorities()));
        }
        Map<HttpMethod, ByLength> index = new HashMap<>();
        for (HttpMethod method : rows.stream().map(Row::method).distinct().toList()) {
            List<Row> ofMethod =
                    rows.stream().filter(row -> row.method().equals(method)).toList();
            List<Row> anyLength = ofMethod.stream().filter(Row::variableLength).toList();
            Map<Integer, List<Row>> fixed = new HashMap<>();
            for (int elements : ofMethod.stream()
                    .filter(row -> !row.variableLength())
                    .map(Row::elements)
                    .distinct()
                    .toList()) {
                // the table's order is kept: the first matching row still decides
                fixed.put(
                        elements,
                        ofMethod.stream()
                                .filter(row -> row.variableLength() || row.elements() == elements)
                                .toList());
            }
            index.put(method, new ByLength(Map.copyOf(fixed), anyLength));
        }
        this.byMethod = Map.copyOf(index);
    }

    /**
     * The number of path elements (separators and segments) every path a pattern matches has, or -1 when
     * the pattern matches paths of several lengths ({@code **}, <code>{*var}</code>).
     */
    static int elementsOf(String pattern) {
        if (pattern.contains("**") || pattern.contains("{*")) {
            return -1;
        }
        return PathContainer.parsePath(pattern).elements().size();
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return decide(authentication, context.getRequest());
    }

    AuthorizationDecision decide(Supplier<Authentication> authentication, HttpServletRequest request) {
        PathContainer path = pathWithinApplication(request);
        if (ERROR_PAGE.matches(path)) {
            return GRANTED;
        }
        ByLength rows = byMethod.get(HttpMethod.valueOf(request.getMethod()));
        if (rows == null) {
            return DENIED;
        }
        for (Row row : rows.candidates(path.elements().size())) {
            if (row.pattern().matches(path)) {
                return row.authorities().isEmpty() || holdsAny(authentication.get(), row.authorities())
                        ? GRANTED
                        : DENIED;
            }
        }
        return DENIED;
    }

    private static PathContainer pathWithinApplication(HttpServletRequest request) {
        RequestPath path = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : RequestPath.parse(request.getRequestURI(), request.getContextPath());
        return path.pathWithinApplication();
    }

    private static boolean holdsAny(Authentication authentication, Set<String> authorities) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return false;
        }
        for (GrantedAuthority held : authentication.getAuthorities()) {
            if (authorities.contains(held.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
