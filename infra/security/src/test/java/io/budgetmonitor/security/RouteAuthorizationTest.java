package io.budgetmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The decision of the access table, row by row, without HTTP (the route matrices of the services and
 * {@link SecurityContractTest} prove the same over real HTTP): the first matching row decides, in the
 * table's order, also where rows of several path lengths compete; a request no row names is refused.
 */
class RouteAuthorizationTest {

    private final RouteAuthorization table = new RouteRules(List.of(
                    RouteRule.post("/api/v1/departments/{department}/years/{year}", Role.BUDGET_OFFICE),
                    RouteRule.post(
                            "/api/v1/departments/{department}/years/{year}/lines/{line}/disbursements", Role.RECORDER),
                    // a fixed row before a variable-length one that also matches: the fixed row decides
                    RouteRule.get("/api/v1/reports/secret", Role.AUDITOR),
                    RouteRule.openGet("/api/v1/reports/**"),
                    // a variable-length row before a fixed one: it decides
                    RouteRule.get("/api/v1/files/**", Role.VIEWER),
                    RouteRule.openGet("/api/v1/files/open")))
            .authorization();

    @Test
    void theRowOfTheRequestsMethodAndPathDecidesByRole() {
        String payment = "/api/v1/departments/BY-SJ/years/2021/lines/GP-0001/disbursements";
        assertThat(allowed("POST", payment, user("ROLE_RECORDER"))).isTrue();
        assertThat(allowed("POST", payment, user("ROLE_VIEWER"))).isFalse();
        assertThat(allowed("POST", payment, user("ROLE_ADMIN"))).isTrue();
        assertThat(allowed("GET", payment, user("ROLE_ADMIN"))).isFalse();
        assertThat(allowed("POST", "/api/v1/departments/BY-SJ/years/2021", user("ROLE_BUDGET_OFFICE")))
                .isTrue();
        assertThat(allowed("POST", "/api/v1/departments/BY-SJ/years/2021", user("ROLE_RECORDER")))
                .isFalse();
    }

    @Test
    void anonymousCallersPassOpenRowsOnly() {
        Authentication anonymous = new AnonymousAuthenticationToken(
                "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        assertThat(allowed("GET", "/api/v1/reports/monthly", anonymous)).isTrue();
        assertThat(allowed("GET", "/actuator/health/liveness", anonymous)).isTrue();
        assertThat(allowed("GET", "/api/v1/files/open", anonymous)).isFalse();
        assertThat(allowed("GET", "/actuator/prometheus", anonymous)).isFalse();
        assertThat(allowed("GET", "/actuator/prometheus", user("ROLE_ADMIN"))).isTrue();
    }

    @Test
    void theFirstMatchingRowDecidesWhateverTheLengthsOfThePatterns() {
        assertThat(allowed("GET", "/api/v1/reports/secret", user("ROLE_VIEWER")))
                .isFalse();
        assertThat(allowed("GET", "/api/v1/reports/secret", user("ROLE_AUDITOR")))
                .isTrue();
        assertThat(allowed("GET", "/api/v1/reports/a/b/c", user("ROLE_VIEWER"))).isTrue();
        assertThat(allowed("GET", "/api/v1/files/open", user("ROLE_AUDITOR"))).isFalse();
        assertThat(allowed("GET", "/api/v1/files/open", user("ROLE_VIEWER"))).isTrue();
    }

    @Test
    void whatNoRowNamesIsRefusedToEveryoneButTheErrorPageIsOpen() {
        assertThat(allowed("GET", "/api/v1/unknown", user("ROLE_ADMIN"))).isFalse();
        assertThat(allowed(
                        "POST", "/api/v1/departments/BY-SJ/years/2021/lines/GP-1/disbursements/x", user("ROLE_ADMIN")))
                .isFalse();
        assertThat(allowed("PATCH", "/api/v1/departments/BY-SJ/years/2021", user("ROLE_ADMIN")))
                .isFalse();
        // a trailing slash is another path, as for Spring MVC's handler mapping
        assertThat(allowed("POST", "/api/v1/departments/BY-SJ/years/2021/", user("ROLE_ADMIN")))
                .isFalse();
        assertThat(allowed("GET", "/error", null)).isTrue();
        assertThat(allowed("POST", "/error", null)).isTrue();
    }

    @Test
    void aPathIsMatchedDecodedAndWithinTheApplication() {
        MockHttpServletRequest request = new MockHttpServletRequest(
                "POST", "/app/api/v1/departments/BY%2DSJ/years/2021/lines/GP%200001/disbursements");
        request.setContextPath("/app");
        assertThat(table.decide(() -> user("ROLE_RECORDER"), request).isGranted())
                .isTrue();
    }

    @Test
    void aPatternsLengthIsItsPathElementsOrNoneForVariableLengths() {
        assertThat(RouteAuthorization.elementsOf("/api/v1/departments/{department}"))
                .isEqualTo(8);
        assertThat(RouteAuthorization.elementsOf("/v3/api-docs/**")).isEqualTo(-1);
        assertThat(RouteAuthorization.elementsOf("/static/{*rest}")).isEqualTo(-1);
        assertThat(RouteAuthorization.elementsOf("/error")).isEqualTo(2);
    }

    private boolean allowed(String method, String path, Authentication authentication) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        return table.decide(() -> authentication, request).isGranted();
    }

    private static Authentication user(String... authorities) {
        return UsernamePasswordAuthenticationToken.authenticated(
                "someone", null, AuthorityUtils.createAuthorityList(authorities));
    }
}
