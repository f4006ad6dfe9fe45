package io.budgetmonitor.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * 401 and 403 as RFC 9457 problem+json, like every other error of the services. A 401 names every
 * way this deployment accepts credentials in {@code WWW-Authenticate}. A request the firewall refuses
 * (a path with {@code ..}, {@code ;} or an encoded {@code %} or slash, an unknown method, a control
 * character in a header) is a 400 problem+json too, not the servlet container's error page.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final List<String> challenges;

    ProblemResponses(List<String> challenges) {
        this.challenges = List.copyOf(challenges);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        challenges.forEach(challenge -> response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge));
        write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "credentials are missing or not valid", request);
    }

    /**
     * A refused CSRF token is not a missing role: a sign-in form whose token went stale (another tab
     * signed in or out meanwhile) is shown again with a fresh one, and any other cookie-authenticated
     * write is told what is wrong with it.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (denied instanceof CsrfException) {
            if (isSignInForm(request)) {
                response.sendRedirect(request.getContextPath() + "/login");
                return;
            }
            write(
                    response,
                    HttpStatus.FORBIDDEN,
                    "Forbidden",
                    "the request's CSRF token is missing or does not match the XSRF-TOKEN cookie: reload the page and"
                            + " try again; nothing was recorded",
                    request);
            return;
        }
        write(
                response,
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "your roles do not allow " + request.getMethod() + " on this resource",
                request);
    }

    private static boolean isSignInForm(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = request.getContentType();
        return "POST".equals(request.getMethod())
                && "/login".equals(path)
                && type != null
                && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /** The detail is fixed text: the firewall's message quotes what the client sent. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        write(
                response,
                HttpStatus.BAD_REQUEST,
                "Bad Request",
                "the request was refused before it was read (a malformed or ambiguous path, method or header); nothing was recorded",
                request);
    }

    private static void write(
            HttpServletResponse response, HttpStatus status, String title, String detail, HttpServletRequest request)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value()
                        + ",\"detail\":\"" + detail + "\",\"instance\":\"" + jsonEscaped(request.getRequestURI())
                        + "\"}");
    }

    static String jsonEscaped(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
