package io.budgetmonitor.security;

import static io.budgetmonitor.security.RouteMatrix.Access;
import static io.budgetmonitor.security.RouteMatrix.Route;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract on a small service of its own: Basic and Bearer both accepted, every refusal as
 * problem+json, department scope as 404, and the route matrix tool itself.
 */
@SpringBootTest(
        classes = SecurityContractTest.TinyService.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityContractTest {

    static final String PASSWORD = "contract-test-password";
    static final TestTokens TOKENS = new TestTokens();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TinyService {
        @Bean
        RouteRules routeRules() {
            return RouteRules.of(
                    RouteRule.get("/api/v1/departments/{department}/figures", Role.VIEWER, Role.AUDITOR),
                    RouteRule.post("/api/v1/payments", Role.RECORDER),
                    RouteRule.get(
                            "/api/v1/whoami",
                            Role.RECORDER,
                            Role.BUDGET_OFFICE,
                            Role.EVALUATOR,
                            Role.AUDITOR,
                            Role.VIEWER));
        }

        @Bean
        Endpoints endpoints() {
            return new Endpoints();
        }
    }

    @RestController
    static class Endpoints {
        @GetMapping("/api/v1/departments/{department}/figures")
        Map<String, String> figures(@PathVariable String department) {
            return Map.of("department", department);
        }

        @PostMapping("/api/v1/payments")
        Map<String, String> pay(
                Caller caller, @RequestHeader(name = OnBehalfOf.HEADER, required = false) String onBehalfOf) {
            return Map.of(
                    "recordedBy",
                    caller.name(),
                    "onBehalfOf",
                    OnBehalfOf.fromHeaders(onBehalfOf, null).orElse(""));
        }

        @GetMapping("/api/v1/whoami")
        Caller whoami(Caller caller) {
            return caller;
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("budget.security.demo-password", () -> PASSWORD);
        registry.add("spring.mvc.problemdetails.enabled", () -> "true");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopIssuer() {
        TOKENS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyRouteAndEveryRoleOfTheMatrixHolds() {
        RouteMatrix matrix = new RouteMatrix(
                "http://localhost:" + port,
                PASSWORD,
                Map.of(
                        Route.get("/api/v1/departments/{department}/figures"), Access.roles(Role.VIEWER, Role.AUDITOR),
                        Route.post("/api/v1/payments"), Access.roles(Role.RECORDER),
                        Route.get("/api/v1/whoami"),
                                Access.roles(
                                        Role.RECORDER, Role.BUDGET_OFFICE, Role.EVALUATOR, Role.AUDITOR, Role.VIEWER)),
                Map.of("department", "BY-SJ"));
        matrix.assertCoversExactly(RouteMatrix.handlerRoutes(context));
        assertThat(matrix.assertAllCells()).hasSize(3 * 8 + 1);
    }

    @Test
    void aRouteTheTableDoesNotNameFailsTheCoverageCheck() {
        RouteMatrix partial = new RouteMatrix(
                "http://localhost:" + port,
                PASSWORD,
                Map.of(Route.post("/api/v1/payments"), Access.roles(Role.RECORDER)),
                Map.of());
        try {
            partial.assertCoversExactly(RouteMatrix.handlerRoutes(context));
            throw new IllegalStateException("the coverage check let unnamed routes through");
        } catch (AssertionError expected) {
            assertThat(expected.getMessage()).contains("/api/v1/whoami");
        }
    }

    @Test
    void noCredentialsIs401WithBothChallengesAsProblemJson() throws Exception {
        HttpResponse<String> response = send(get("/api/v1/whoami"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .anySatisfy(challenge -> assertThat(challenge).startsWith("Basic"))
                .anySatisfy(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.body()).contains("\"status\":401");
        assertThat(response.headers().allValues("Set-Cookie"))
                .as("a refused API call opens no session")
                .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
    }

    @Test
    void aWrongPasswordIs401AndAWrongRoleIs403AsProblemJson() throws Exception {
        assertThat(send(get("/api/v1/whoami").header("Authorization", basic("viewer", "wrong")))
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> forbidden =
                send(post("/api/v1/payments").header("Authorization", basic("viewer", PASSWORD)));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void anUnnamedPathIsRefusedEvenToAdmin() throws Exception {
        assertThat(send(get("/api/v1/not-in-the-table").header("Authorization", basic("admin", PASSWORD)))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(get("/actuator/health/readiness")).statusCode()).isNotIn(401, 403);
    }

    @Test
    void aScopedViewerGets404ForAnotherDepartment() throws Exception {
        assertThat(send(get("/api/v1/departments/BY-SJ/figures")
                                .header("Authorization", basic("viewer-bysj", PASSWORD)))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> other =
                send(get("/api/v1/departments/BY-XX/figures").header("Authorization", basic("viewer-bysj", PASSWORD)));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void theRecorderIsThePrincipalAndTheHeaderOnlyItsClaim() throws Exception {
        HttpResponse<String> response = send(post("/api/v1/payments")
                .header("Authorization", basic("recorder", PASSWORD))
                .header(OnBehalfOf.HEADER, "%E8%B4%A2%E5%8A%A1%E5%AE%A4"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"recordedBy\":\"recorder\"").contains("\"onBehalfOf\":\"财务室\"");
    }

    /**
     * An API call is stateless: it opens no session, sets no cookie, and a session cookie sent along does
     * not stand in for its credentials (its own chain, ServiceSecurityConfiguration#apiClientSecurity).
     */
    @Test
    void anApiCallOpensNoSessionAndItsCredentialsAloneDecide() throws Exception {
        HttpResponse<String> response =
                send(post("/api/v1/payments").header("Authorization", basic("recorder", PASSWORD)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> wrongPassword = send(post("/api/v1/payments")
                .header("Authorization", basic("recorder", "wrong"))
                .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/problem+json");
        assertThat(wrongPassword.headers().allValues("Set-Cookie")).isEmpty();
    }

    /** curl sends a header's UTF-8 bytes as they are (java.net.http refuses to): the firewall must let them through. */
    @Test
    void aClaimSentAsRawUtf8BytesPassesTheFirewallAndIsDecoded() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("POST /api/v1/payments HTTP/1.0\r\nHost: localhost\r\n"
                                    + "Authorization: " + basic("recorder", PASSWORD) + "\r\n" + OnBehalfOf.HEADER
                                    + ": 财务室\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                            .getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"onBehalfOf\":\"财务室\"");
        }
        assertThat(ServiceSecurityConfiguration.isAllowedHeaderValue("a\nb")).isFalse();
        assertThat(ServiceSecurityConfiguration.isAllowedHeaderValue("a\u007Fb"))
                .isFalse();
    }

    /** What the firewall refuses, signed in or not, is a 400 problem+json that does not quote the request. */
    @Test
    void aRequestTheFirewallRefusesIsA400Problem() throws Exception {
        for (String requestLine : List.of(
                "GET /api/v1/departments/BY-SJ/../../whoami HTTP/1.1",
                "GET /api/v1/whoami;x=1 HTTP/1.1",
                "GET /api/v1/departments/a%252Fb/figures HTTP/1.1",
                "BREW /api/v1/whoami HTTP/1.1")) {
            for (String credentials : List.of("", "Authorization: " + basic("admin", PASSWORD) + "\r\n")) {
                try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                    socket.setSoTimeout(30_000);
                    socket.getOutputStream()
                            .write((requestLine + "\r\nHost: localhost\r\n" + credentials + "Connection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.UTF_8));
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(answer)
                            .as(requestLine)
                            .startsWith("HTTP/1.1 400")
                            .containsIgnoringCase("Content-Type: application/problem+json")
                            .contains("\"status\":400")
                            .doesNotContain("\"timestamp\"")
                            .doesNotContain("malicious");
                }
            }
        }
    }

    @Test
    void aTokenFromTheConfiguredIssuerIsAcceptedWithItsRolesAndDepartments() throws Exception {
        String token = TOKENS.token("zhang.san", List.of("viewer"), List.of("BY-SJ"));
        HttpResponse<String> me = send(get("/api/v1/whoami").header("Authorization", "Bearer " + token));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body())
                .contains("\"name\":\"zhang.san\"")
                .contains("VIEWER")
                .contains("BY-SJ");
        assertThat(send(get("/api/v1/departments/BY-SJ/figures").header("Authorization", "Bearer " + token))
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(get("/api/v1/departments/BY-XX/figures").header("Authorization", "Bearer " + token))
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(post("/api/v1/payments").header("Authorization", "Bearer " + token))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void expiredWronglySignedAndForeignTokensAre401() throws Exception {
        List<String> roles = List.of("ADMIN");
        List<String> all = List.of("*");
        for (String token : List.of(
                TOKENS.expiredToken("a", roles, all),
                TOKENS.tokenSignedByAnotherKey("a", roles, all),
                TOKENS.tokenFromAnotherIssuer("a", roles, all),
                "not.a.token")) {
            HttpResponse<String> response = send(get("/api/v1/whoami").header("Authorization", "Bearer " + token));
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
        }
    }

    @Test
    void aBrowserIsSentToTheLoginForm() throws Exception {
        HttpResponse<String> page = send(get("/api/v1/whoami").header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    /**
     * A page signed in through the form: its writes need the token from the {@code XSRF-TOKEN} cookie,
     * and its {@code remember-me} cookie alone signs it in again (what a restarted service sees).
     * An API client is not handed either cookie.
     */
    @Test
    void aFormLoginIsRememberedAndItsWritesCarryTheCookiesCsrfToken() throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> form =
                browser.send(get("/login").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        String csrf = cookie(cookies, "XSRF-TOKEN");
        assertThat(form.body()).contains("name=\"username\"").contains(csrf).contains("/default-ui.css");
        assertThat(send(get("/default-ui.css")).statusCode())
                .as("the form's stylesheet")
                .isEqualTo(200);

        HttpResponse<String> login =
                postForm(browser, "/login", "username=recorder&password=" + PASSWORD + "&_csrf=" + csrf);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String rememberMe = cookie(cookies, "remember-me");

        assertThat(browser.send(get("/api/v1/whoami").build(), HttpResponse.BodyHandlers.ofString())
                        .body())
                .contains("\"name\":\"recorder\"");
        String token = cookie(cookies, "XSRF-TOKEN"); // a new one since the login
        assertThat(browser.send(post("/api/v1/payments").build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("a cookie-authenticated write without the token")
                .isEqualTo(403);
        assertThat(browser.send(
                                post("/api/v1/payments")
                                        .header("X-XSRF-TOKEN", token)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);

        // no session (as after a restart): the remember-me cookie signs the page in again
        HttpResponse<String> remembered = send(get("/api/v1/whoami").header("Cookie", "remember-me=" + rememberMe));
        assertThat(remembered.statusCode()).isEqualTo(200);
        assertThat(remembered.body()).contains("\"name\":\"recorder\"");
        assertThat(send(post("/api/v1/payments").header("Cookie", "remember-me=" + rememberMe))
                        .statusCode())
                .as("a write signed in by the remember-me cookie alone, without the token")
                .isEqualTo(403);
        assertThat(send(post("/api/v1/payments")
                                .header("Cookie", "remember-me=" + rememberMe + "; XSRF-TOKEN=" + token)
                                .header("X-XSRF-TOKEN", token))
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(get("/api/v1/whoami").header("Cookie", "remember-me=" + rememberMe.substring(1)))
                        .statusCode())
                .as("a tampered remember-me cookie")
                .isEqualTo(401);

        HttpResponse<String> signOut = postForm(browser, "/logout", "_csrf=" + token, "Accept", "text/html");
        assertThat(signOut.statusCode()).as(signOut.body()).isEqualTo(302);
        assertThat(signOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
        assertThat(browser.send(get("/api/v1/whoami").build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("signed out, remembered no more")
                .isEqualTo(401);

        HttpResponse<String> api = send(get("/api/v1/whoami").header("Authorization", basic("viewer", PASSWORD)));
        assertThat(api.headers().allValues("Set-Cookie"))
                .as("cookies handed to an API client")
                .isEmpty();
    }

    /**
     * A sign-in form whose CSRF token went stale (another tab signed in meanwhile) is shown again with
     * a fresh token instead of a 403 about roles; a page's write with a stale token is told it is the
     * token, not its roles.
     */
    @Test
    void aStaleCsrfTokenOnTheSignInFormShowsTheFormAgain() throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(get("/login").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        String stale = cookie(cookies, "XSRF-TOKEN");
        cookies.getCookieStore().removeAll();
        HttpResponse<String> otherTab =
                browser.send(get("/login").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherTab.statusCode()).isEqualTo(200);
        String fresh = cookie(cookies, "XSRF-TOKEN");
        assertThat(fresh).isNotEqualTo(stale);

        HttpResponse<String> login = postForm(
                browser,
                "/login",
                "username=recorder&password=" + PASSWORD + "&_csrf=" + stale,
                "Cookie",
                "JSESSIONID=expired-in-another-tab");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(browser.send(get("/api/v1/whoami").build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("not signed in by a refused form")
                .isEqualTo(401);

        HttpResponse<String> again = postForm(
                browser,
                "/login",
                "username=recorder&password=" + PASSWORD + "&_csrf=" + cookie(cookies, "XSRF-TOKEN"));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        HttpResponse<String> write = browser.send(
                post("/api/v1/payments").header("X-XSRF-TOKEN", stale).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(write.body()).contains("CSRF token").doesNotContain("roles");
    }

    /** A browser's form post: {@code headers} are name, value pairs. */
    private HttpResponse<String> postForm(HttpClient browser, String path, String form, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(java.net.CookieManager cookies, String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue)
                .filter(v -> !v.isEmpty())
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no " + name + " cookie in " + cookies.getCookieStore().getCookies()));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
