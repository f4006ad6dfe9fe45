package io.budgetmonitor.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.command.input.InvalidInputException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a request may make the service read before any of it is parsed: a JSON body at most
 * {@code budget.web.max-body-bytes} (64 KiB; a command is a few hundred bytes), and the headers that
 * are stored with events. An oversized body is refused with 413 when its Content-Length says so,
 * and otherwise as soon as the stream passes the limit (chunked bodies), never after buffering it.
 * The NDJSON import is exempt: it streams, and its lines are bounded instead (LedgerImporter).
 *
 * <p>It runs right after Spring Security's filter chain: a caller without valid credentials gets its
 * 401 before anything it sent is looked at, and only an authenticated caller learns about the limits.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 10)
public class InputLimits extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final ObjectMapper mapper;

    public InputLimits(@Value("${budget.web.max-body-bytes:65536}") long maxBodyBytes, ObjectMapper mapper) {
        this.maxBodyBytes = maxBodyBytes;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            // X-Recorded-By is the client's onBehalfOf claim: decoded and checked by OnBehalfOf (security module)
            RequestHeaderText.checked(
                    RequestMetadataResolver.CORRELATION_ID,
                    RequestHeaderText.decoded(request.getHeader(RequestMetadataResolver.CORRELATION_ID)),
                    RequestHeaderText.CORRELATION_ID_MAX);
            RequestHeaderText.checked(
                    CommandExecution.IDEMPOTENCY_KEY,
                    RequestHeaderText.decoded(request.getHeader(CommandExecution.IDEMPOTENCY_KEY)),
                    RequestHeaderText.IDEMPOTENCY_KEY_MAX);
        } catch (InvalidInputException invalid) {
            write(response, Problems.invalid(invalid));
            return;
        }
        if (request.getRequestURI().startsWith(ImportResource.PATH)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            write(response, tooLarge(maxBodyBytes));
            return;
        }
        chain.doFilter(new BoundedBody(request, maxBodyBytes), response);
    }

    static ProblemDetail tooLarge(long maxBodyBytes) {
        return Problems.of(
                413,
                "Request body too large",
                "a request body may have at most " + maxBodyBytes + " bytes; nothing was recorded");
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (problem.getStatus() == 413) {
            // the unread rest of the body would otherwise be drained first
            response.setHeader("Connection", "close");
        }
        mapper.writeValue(response.getOutputStream(), problem);
    }

    /** Signals a body that passed the limit while being read; answered 413 (ProblemHandler). */
    public static final class BodyTooLargeException extends IOException {
        private final long limit;

        BodyTooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /** The request with a body stream that fails once more than the limit has been read. */
    private static final class BoundedBody extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        BoundedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
