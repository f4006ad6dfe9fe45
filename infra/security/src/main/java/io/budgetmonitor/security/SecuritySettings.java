package io.budgetmonitor.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code budget.security.*}: how callers prove who they are. The JWT issuer and keys are Spring's own
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri}; these settings
 * say where the roles, departments and name are in the token.
 *
 * @param demoUsersFile the run command's {@code demo-users.txt} (local stack only)
 * @param demoPassword  one password for every demo user (scripts, tests)
 */
@ConfigurationProperties("budget.security")
public record SecuritySettings(
        String demoUsersFile,
        String demoPassword,
        @DefaultValue Jwt jwt) {

    /**
     * @param rolesClaim       a list (or space/comma separated string) of role names
     * @param departmentsClaim a list of department codes, {@code *} for all
     * @param nameClaim        the principal's name; {@code sub} where the token lacks it
     */
    public record Jwt(
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("departments") String departmentsClaim,
            @DefaultValue("preferred_username") String nameClaim) {}
}
