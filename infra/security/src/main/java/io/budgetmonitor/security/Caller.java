package io.budgetmonitor.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authenticated principal of a request (经办人): its name, roles and department scope. However the
 * caller proved who it is (Basic, JWT, a login session), the roles and departments travel as
 * authorities, so this is the one place that reads them back.
 */
public record Caller(String name, Set<Role> roles, DepartmentScope scope) {

    static final String DEPARTMENT_PREFIX = "DEPARTMENT_";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Caller of(Authentication authentication) {
        Set<Role> roles = new HashSet<>();
        Set<String> departments = new HashSet<>();
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            String authority = granted.getAuthority();
            if (authority == null) {
                continue;
            }
            if (authority.startsWith(Role.AUTHORITY_PREFIX)) {
                roleNamed(authority.substring(Role.AUTHORITY_PREFIX.length())).ifPresent(roles::add);
            } else if (authority.startsWith(DEPARTMENT_PREFIX)) {
                departments.add(authority.substring(DEPARTMENT_PREFIX.length()));
            }
        }
        return new Caller(authentication.getName(), roles, DepartmentScope.of(departments));
    }

    /** The caller of the current request, or empty outside an authenticated request. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(of(authentication));
    }

    /** The authorities that stand for these roles and departments. */
    public static List<GrantedAuthority> authorities(Collection<Role> roles, Collection<String> departments) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        departments.forEach(department -> authorities.add(new SimpleGrantedAuthority(DEPARTMENT_PREFIX + department)));
        return authorities;
    }

    /** ADMIN implies every role. */
    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    public boolean hasAny(Role... wanted) {
        for (Role role : wanted) {
            if (has(role)) {
                return true;
            }
        }
        return false;
    }

    public boolean sees(String department) {
        return scope.includes(department);
    }

    /** Throws the not-found answer for a department the caller may not see. */
    public void requireScope(String department) {
        if (!sees(department)) {
            throw new OutOfScopeException();
        }
    }

    static Optional<Role> roleNamed(String name) {
        try {
            return Optional.of(Role.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
