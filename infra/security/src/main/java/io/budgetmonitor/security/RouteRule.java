package io.budgetmonitor.security;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * One row of a service's access table: a method and path pattern (Spring's {@code {variable}} and
 * {@code **} syntax), and the roles that may call it. {@link Role#ADMIN} may always; a rule with no
 * roles is open to everyone (kept for orchestrator probes and the API description).
 */
public record RouteRule(HttpMethod method, String pattern, Set<Role> roles) {

    public RouteRule {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static RouteRule get(String pattern, Role first, Role... more) {
        return new RouteRule(HttpMethod.GET, pattern, EnumSet.of(first, more));
    }

    public static RouteRule post(String pattern, Role first, Role... more) {
        return new RouteRule(HttpMethod.POST, pattern, EnumSet.of(first, more));
    }

    public static RouteRule put(String pattern, Role first, Role... more) {
        return new RouteRule(HttpMethod.PUT, pattern, EnumSet.of(first, more));
    }

    public static RouteRule delete(String pattern, Role first, Role... more) {
        return new RouteRule(HttpMethod.DELETE, pattern, EnumSet.of(first, more));
    }

    public static RouteRule openGet(String pattern) {
        return new RouteRule(HttpMethod.GET, pattern, Set.of());
    }

    public boolean isOpen() {
        return roles.isEmpty();
    }

    /** Whether a caller holding these roles passes this rule. */
    public boolean admits(Set<Role> held) {
        return isOpen() || held.contains(Role.ADMIN) || held.stream().anyMatch(roles::contains);
    }

    /** The authorities that pass this row (ADMIN's included); none for an open row. */
    Set<String> authorities() {
        return isOpen()
                ? Set.of()
                : Set.copyOf(withAdmin().stream().map(Role::authority).toList());
    }

    private Set<Role> withAdmin() {
        EnumSet<Role> all = EnumSet.of(Role.ADMIN);
        all.addAll(roles);
        return all;
    }
}
