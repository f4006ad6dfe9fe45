package io.budgetmonitor.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.rememberme.AbstractRememberMeServices;
import org.springframework.security.web.authentication.rememberme.TokenBasedRememberMeServices;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a browser page (the dashboard) needs, and nothing an API client sees:
 *
 * <ul>
 *   <li>the login form itself;</li>
 *   <li>a sign-in that survives a restart of the service. Sessions live in the JVM, so a restarted
 *       service would send every open page back to the login form and its {@code EventSource} would
 *       stop on the 401 instead of resuming. A form login therefore also sets a signed
 *       {@code remember-me} cookie, whose key is derived from the demo users' passwords: stable for a
 *       data directory, different once the passwords change (which signs every browser out);</li>
 *   <li>the CSRF token where a script can read it: the {@code XSRF-TOKEN} cookie, sent back in the
 *       {@code X-XSRF-TOKEN} header of a cookie-authenticated write. It is compared with the cookie,
 *       so it too survives a restart.</li>
 * </ul>
 */
final class BrowserSignIn {

    static final Duration REMEMBERED_FOR = Duration.ofHours(12);

    private BrowserSignIn() {}

    /** A write signed in by this cookie alone (no session yet, as after a restart) needs the CSRF token too. */
    static boolean hasRememberMeCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies != null
                && Arrays.stream(cookies)
                        .anyMatch(c ->
                                AbstractRememberMeServices.SPRING_SECURITY_REMEMBER_ME_COOKIE_KEY.equals(c.getName()));
    }

    /** The login form at {@code /login}, with the CSRF token it must post back. */
    static DefaultLoginPageGeneratingFilter loginPage() {
        DefaultLoginPageGeneratingFilter page = new DefaultLoginPageGeneratingFilter();
        page.setFormLoginEnabled(true);
        page.setLoginPageUrl("/login");
        page.setAuthenticationUrl("/login");
        page.setFailureUrl("/login?error");
        page.setLogoutSuccessUrl("/login?logout");
        page.setUsernameParameter("username");
        page.setPasswordParameter("password");
        page.setResolveHiddenInputs(request -> {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            return token == null ? Map.of() : Map.of(token.getParameterName(), token.getToken());
        });
        return page;
    }

    /** Remembers form logins only: an API client sends its credentials with every request anyway. */
    static TokenBasedRememberMeServices rememberMe(Map<String, String> passwords, UserDetailsService users) {
        TokenBasedRememberMeServices services =
                new TokenBasedRememberMeServices(
                        keyOf(passwords), users, TokenBasedRememberMeServices.RememberMeTokenAlgorithm.SHA256) {
                    @Override
                    protected boolean rememberMeRequested(HttpServletRequest request, String parameter) {
                        return request.getHeader(HttpHeaders.AUTHORIZATION) == null;
                    }

                    /**
                     * Spring signs with the stored password hash too, but bcrypt hashes are salted afresh at
                     * every start; the key already changes with any password, so it alone signs.
                     */
                    @Override
                    protected String makeTokenSignature(
                            long expiry, String username, String password, RememberMeTokenAlgorithm algorithm) {
                        return super.makeTokenSignature(expiry, username, "", algorithm);
                    }
                };
        services.setTokenValiditySeconds((int) REMEMBERED_FOR.toSeconds());
        services.setUseSecureCookie(false); // the local stack is plain HTTP on localhost
        return services;
    }

    /** Secret (it hashes every demo password) and the same for every service reading the same file. */
    static String keyOf(Map<String, String> passwords) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("budget-monitor remember-me".getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(passwords).forEach((user, password) -> {
                sha256.update((byte) 0);
                sha256.update((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Readable by the page's script, as Angular, axios and others expect it. */
    static CsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return repository;
    }

    /**
     * Spring issues the token lazily, when a page renders it; a static page never does. A browser
     * request (no {@code Authorization} header, a session or a sign-in cookie) gets the cookie set
     * whenever it lacks one, e.g. right after the login replaced the token.
     */
    static final class IssueCsrfCookie extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getCookies() != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
