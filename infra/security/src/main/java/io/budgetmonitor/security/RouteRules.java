package io.budgetmonitor.security;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's whole access table, read top to bottom (the first matching row decides). Each service
 * declares one bean of it; {@link ServiceSecurityConfiguration} adds the rows every service shares
 * (probes, API description, Actuator for ADMIN) and denies every request no row names, so a route
 * added without a row is refused to all until someone decides who may call it.
 */
public record RouteRules(List<RouteRule> rules) {

    /** Rows every service has: orchestrator probes and the API description open, the rest of Actuator ADMIN. */
    public static final List<RouteRule> SHARED = List.of(
            RouteRule.openGet("/actuator/health/liveness"),
            RouteRule.openGet("/actuator/health/readiness"),
            RouteRule.openGet("/v3/api-docs"),
            RouteRule.openGet("/v3/api-docs/**"),
            RouteRule.openGet("/swagger-ui.html"),
            RouteRule.openGet("/swagger-ui/**"),
            RouteRule.get("/actuator", Role.ADMIN),
            RouteRule.get("/actuator/**", Role.ADMIN));

    public RouteRules {
        rules = List.copyOf(rules);
    }

    public static RouteRules of(RouteRule... rules) {
        return new RouteRules(List.of(rules));
    }

    /** This service's rows followed by the shared ones. */
    public List<RouteRule> withShared() {
        List<RouteRule> all = new ArrayList<>(rules);
        all.addAll(SHARED);
        return all;
    }

    /** The table as the one decision per request of every security filter chain ({@link RouteAuthorization}). */
    RouteAuthorization authorization() {
        return new RouteAuthorization(withShared());
    }
}
