package io.budgetmonitor.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps a verified token's claims to the same authorities a demo user has, so the rest of the service
 * never knows which way the caller signed in. Unknown role names are ignored, not guessed.
 */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecuritySettings.Jwt claims;

    JwtCallers(SecuritySettings.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<Role> roles = new ArrayList<>();
        for (String name : values(jwt.getClaim(claims.rolesClaim()))) {
            String bare =
                    name.startsWith(Role.AUTHORITY_PREFIX) ? name.substring(Role.AUTHORITY_PREFIX.length()) : name;
            Caller.roleNamed(bare).ifPresent(roles::add);
        }
        List<String> departments = values(jwt.getClaim(claims.departmentsClaim()));
        String name = Optional.ofNullable(jwt.getClaimAsString(claims.nameClaim()))
                .filter(value -> !value.isBlank())
                .orElse(jwt.getSubject());
        return new JwtAuthenticationToken(jwt, Caller.authorities(roles, departments), name);
    }

    private static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> many) {
            many.forEach(value -> values.add(String.valueOf(value).strip()));
        } else if (claim instanceof String text) {
            for (String value : text.split("[\\s,]+")) {
                values.add(value.strip());
            }
        }
        values.removeIf(String::isEmpty);
        return values;
    }
}
