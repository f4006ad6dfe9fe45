package io.budgetmonitor.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.ui.DefaultResourcesFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The security contract, applied the same way in every service that declares its {@link RouteRules}.
 *
 * <ul>
 *   <li>API clients are stateless: HTTP Basic against the demo users (local stack) and/or Bearer JWT
 *       (production), whichever is configured; a request with an {@code Authorization} header goes
 *       through a chain of its own without any of the browser's filters ({@link #apiClientSecurity});</li>
 *   <li>browsers get a login form and a session (so {@code EventSource} can carry it), remembered
 *       across a restart; only such cookie-authenticated writes need a CSRF token, which a page
 *       reads from the {@code XSRF-TOKEN} cookie ({@link BrowserSignIn});</li>
 *   <li>401, 403 and out-of-scope 404 answer as problem+json;</li>
 *   <li>CORS only for the origins in {@code budget.cors.allowed-origins} ({@link CorsSettings}), none by default.</li>
 * </ul>
 * A service without a {@link RouteRules} bean fails to start rather than run open.
 */
@AutoConfiguration(
        before = {
            SecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            OAuth2ResourceServerAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties({SecuritySettings.class, CorsSettings.class})
public class ServiceSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceSecurityConfiguration.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    static final String REALM = "budget-monitor";

    /**
     * No Micrometer observation per security filter, authentication and authorization. With an
     * {@code ObservationRegistry} present (actuator), Spring Security otherwise wraps each of the ~15
     * filters of the chain, the authentication manager and the authorization manager in an observation
     * of its own, on every request: 13% of command-service's CPU samples at 16 concurrent payments
     * (JFR, bench/run), more than the authentication itself. Nothing reads those series (the
     * dashboards and alerts use {@code http.server.requests}, which stays).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new RememberedPasswordMatches(new BCryptPasswordEncoder());
    }

    /** Always declared (empty without demo users) so Spring Boot never invents a user of its own. */
    @Bean
    InMemoryUserDetailsManager demoUserDetails(SecuritySettings settings, PasswordEncoder passwordEncoder) {
        List<UserDetails> users = DemoUsers.load(settings, passwordEncoder);
        return new InMemoryUserDetailsManager(users);
    }

    /**
     * API clients: every request that carries an {@code Authorization} header. They prove who they are
     * with every request (Basic or Bearer), so this chain holds only what such a request needs: the
     * firewall, security headers, CORS, authentication, the access table and problem+json refusals. No
     * session is read or created, and none of the browser's filters runs (CSRF, login form and its
     * stylesheet, logout, saved requests, remember-me): each tested its own path or cookie on every
     * payment, for nothing (JFR, bench/run). A request with a header this service cannot verify gets
     * its 401 here, never the login form (a browser asking for a page sends no such header).
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiClientSecurity(
            HttpSecurity http,
            RouteRules routes,
            SecuritySettings settings,
            InMemoryUserDetailsManager demoUsers,
            CorsSettings cors,
            ObjectProvider<JwtDecoder> jwtDecoder)
            throws Exception {
        http.securityMatcher(ServiceSecurityConfiguration::carriesCredentials);
        Accepted accepted = accepted(demoUsers, jwtDecoder);
        accessTable(http, routes, cors);
        http.csrf(csrf -> csrf.disable());
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.requestCache(cache -> cache.requestCache(new NullRequestCache()));
        http.exceptionHandling(exceptions ->
                exceptions.authenticationEntryPoint(accepted.problems()).accessDeniedHandler(accepted.problems()));
        http.formLogin(form -> form.disable());
        http.logout(logout -> logout.disable());
        if (accepted.basic()) {
            http.httpBasic(httpBasic -> httpBasic.realmName(REALM).authenticationEntryPoint(accepted.problems()));
        } else {
            http.httpBasic(httpBasic -> httpBasic.disable());
        }
        bearer(http, settings, jwtDecoder, accepted);
        return http.build();
    }

    /** Browsers (a login form, a session, remember-me, CSRF) and anyone without credentials. */
    @Bean
    @Order(2)
    SecurityFilterChain budgetSecurity(
            HttpSecurity http,
            RouteRules routes,
            SecuritySettings settings,
            InMemoryUserDetailsManager demoUsers,
            CorsSettings cors,
            ObjectProvider<JwtDecoder> jwtDecoder)
            throws Exception {
        Accepted accepted = accepted(demoUsers, jwtDecoder);
        if (!accepted.basic() && !accepted.bearer()) {
            log.warn("no demo users and no JWT issuer configured: every protected route answers 401");
        }
        ProblemResponses problems = accepted.problems();
        accessTable(http, routes, cors);
        http.csrf(csrf -> csrf.requireCsrfProtectionMatcher(ServiceSecurityConfiguration::isCookieAuthenticatedWrite)
                .csrfTokenRepository(BrowserSignIn.csrfCookie())
                // the page sends the cookie's value as it is: no per-response masking to undo
                .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()));
        http.addFilterBefore(new BrowserSignIn.IssueCsrfCookie(), AuthorizationFilter.class);
        http.requestCache(cache -> cache.requestCache(pageRequestsOnly()));
        http.exceptionHandling(exceptions ->
                exceptions.authenticationEntryPoint(entryPoint(problems)).accessDeniedHandler(problems));
        if (accepted.basic()) {
            http.httpBasic(httpBasic -> httpBasic.realmName(REALM).authenticationEntryPoint(problems));
            http.formLogin(form -> form.permitAll());
            // Spring generates the form only where no entry point of one's own is set, as here
            http.addFilterBefore(BrowserSignIn.loginPage(), UsernamePasswordAuthenticationFilter.class);
            http.addFilterBefore(DefaultResourcesFilter.css(), UsernamePasswordAuthenticationFilter.class);
            http.rememberMe(rememberMe ->
                    rememberMe.rememberMeServices(BrowserSignIn.rememberMe(DemoUsers.passwords(settings), demoUsers)));
            http.logout(logout -> logout.permitAll());
        } else {
            http.httpBasic(httpBasic -> httpBasic.disable());
            http.formLogin(form -> form.disable());
        }
        bearer(http, settings, jwtDecoder, accepted);
        return http.build();
    }

    /** Which proofs of identity this service accepts, and the 401/403 answers that name them. */
    private record Accepted(boolean basic, boolean bearer, ProblemResponses problems) {}

    private static Accepted accepted(InMemoryUserDetailsManager demoUsers, ObjectProvider<JwtDecoder> jwtDecoder) {
        boolean basic = DemoUsers.ALL.stream().anyMatch(demo -> demoUsers.userExists(demo.username()));
        boolean bearer = jwtDecoder.getIfAvailable() != null;
        List<String> challenges = new ArrayList<>();
        if (basic) {
            challenges.add("Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        if (bearer) {
            challenges.add("Bearer realm=\"" + REALM + "\"");
        }
        return new Accepted(basic, bearer, new ProblemResponses(challenges));
    }

    /** The same access table, and the same CORS, in both chains. */
    private static void accessTable(HttpSecurity http, RouteRules routes, CorsSettings cors) throws Exception {
        http.authorizeHttpRequests(authorize -> {
            // an async (SSE) or error dispatch continues a request that was already authorized
            authorize
                    .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                    .permitAll();
            authorize.anyRequest().access(routes.authorization());
        });
        if (cors.enabled()) {
            // before authentication: a preflight (OPTIONS) carries no credentials, and a refused origin gets 403
            http.cors(configurer -> configurer.configurationSource(corsSource(cors)));
        }
    }

    private static void bearer(
            HttpSecurity http, SecuritySettings settings, ObjectProvider<JwtDecoder> jwtDecoder, Accepted accepted)
            throws Exception {
        if (accepted.bearer()) {
            JwtCallers callers = new JwtCallers(settings.jwt());
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.decoder(jwtDecoder.getObject()).jwtAuthenticationConverter(callers))
                    .authenticationEntryPoint(accepted.problems())
                    .accessDeniedHandler(accepted.problems()));
        }
    }

    /** An API client's request: it names its credentials in the {@code Authorization} header. */
    static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    /**
     * Spring's firewall refuses header values with ISO control characters, and a servlet container
     * reads header bytes as ISO-8859-1: the raw UTF-8 of 财务室 in {@code X-Recorded-By} holds 0x8A,
     * a C1 control once read that way, and was refused (lazily, as a 500 from whatever first read the
     * headers). C1 characters (0x80-0x9F) are accepted in header values, so {@link OnBehalfOf} can
     * recover the UTF-8 (and refuse real control characters itself); C0 controls and DEL stay refused.
     * What the firewall refuses is a 400 problem+json ({@link ProblemResponses}).
     */
    @Bean
    WebSecurityCustomizer utf8HeaderValues() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(ServiceSecurityConfiguration::isAllowedHeaderValue);
        ProblemResponses problems = new ProblemResponses(List.of());
        return web -> web.httpFirewall(firewall).requestRejectedHandler(problems);
    }

    static boolean isAllowedHeaderValue(String value) {
        return value.codePoints()
                .allMatch(c -> (c >= 0x80 && c <= 0x9F) || (Character.isDefined(c) && !Character.isISOControl(c)));
    }

    /**
     * The configured origins may read every route (the access table still decides who may), send the
     * credentials a browser holds (a session cookie for {@code EventSource}, or an Authorization header),
     * and resume a stream with {@code Last-Event-ID}. Writes from another origin stay behind CSRF when
     * they ride on a cookie.
     */
    static CorsConfigurationSource corsSource(CorsSettings settings) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(settings.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "OPTIONS"));
        configuration.setAllowedHeaders(List.of(
                HttpHeaders.AUTHORIZATION,
                HttpHeaders.CONTENT_TYPE,
                HttpHeaders.ACCEPT,
                "Last-Event-ID",
                "Idempotency-Key",
                OnBehalfOf.HEADER,
                "X-CSRF-TOKEN",
                "X-XSRF-TOKEN"));
        configuration.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_DISPOSITION));
        configuration.setAllowCredentials(true);
        configuration.setMaxAge(1800L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }

    /** A browser asking for a page is sent to the login form; everyone else gets 401 problem+json. */
    private static AuthenticationEntryPoint entryPoint(ProblemResponses problems) {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byClient = new LinkedHashMap<>();
        byClient.put(
                ServiceSecurityConfiguration::isBrowserAskingForAPage, new LoginUrlAuthenticationEntryPoint("/login"));
        DelegatingAuthenticationEntryPoint delegating = new DelegatingAuthenticationEntryPoint(byClient);
        delegating.setDefaultEntryPoint(problems);
        return delegating;
    }

    /** Accept names text/html itself (a browser), not merely {@code *}{@code /*} (curl, API clients). */
    private static final MediaTypeRequestMatcher WANTS_PAGE = wantsPage();

    private static MediaTypeRequestMatcher wantsPage() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return matcher;
    }

    /** A browser opening a page without credentials: sent to the login form, and back after it. */
    static boolean isBrowserAskingForAPage(HttpServletRequest request) {
        return "GET".equals(request.getMethod())
                && WANTS_PAGE.matches(request)
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
    }

    /**
     * Only a page request is remembered for after the login: saving every refused API request would
     * open a session (and send a cookie) per anonymous call, which a stateless API must not.
     */
    private static HttpSessionRequestCache pageRequestsOnly() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(ServiceSecurityConfiguration::isBrowserAskingForAPage);
        return cache;
    }

    /** API clients send credentials with every request and cannot be ridden by another site; cookies can. */
    static boolean isCookieAuthenticatedWrite(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod())
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && (request.getRequestedSessionId() != null || BrowserSignIn.hasRememberMeCookie(request));
    }

    @Bean
    WebMvcConfigurer callerAndDepartmentScope() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new DepartmentPathScope());
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
