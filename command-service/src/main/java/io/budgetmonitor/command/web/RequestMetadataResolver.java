package io.budgetmonitor.command.web;

import io.budgetmonitor.command.dispatch.RequestMetadata;
import io.budgetmonitor.command.input.FieldError;
import io.budgetmonitor.command.input.InputErrors;
import io.budgetmonitor.command.input.InvalidInputException;
import io.budgetmonitor.security.Caller;
import io.budgetmonitor.security.OnBehalfOf;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Makes a {@link RequestMetadata} parameter: {@code recordedBy} is the authenticated principal (经办人);
 * {@code X-Recorded-By} (or its RFC 8187 form {@code X-Recorded-By*}) is only the client's claim of
 * whom it records for (代办, {@code onBehalfOf}); a value that does not decode is a 400 and nothing is
 * sent. {@code X-Correlation-Id} is generated when absent and echoed in the response.
 */
public class RequestMetadataResolver implements HandlerMethodArgumentResolver {

    public static final String RECORDED_BY = OnBehalfOf.HEADER;
    public static final String RECORDED_BY_EXTENDED = OnBehalfOf.EXTENDED_HEADER;
    public static final String CORRELATION_ID = "X-Correlation-Id";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return RequestMetadata.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        // every command route needs a role (AccessRules): no principal here means the table is wrong
        Caller caller =
                Caller.current().orElseThrow(() -> new IllegalStateException("a command route without a principal"));
        RequestMetadata metadata = RequestMetadata.of(
                caller.name(), onBehalfOf(request), RequestHeaderText.decoded(request.getHeader(CORRELATION_ID)));
        HttpServletResponse response = request.getNativeResponse(HttpServletResponse.class);
        if (response != null) {
            response.setHeader(CORRELATION_ID, metadata.correlationId());
        }
        return metadata;
    }

    private static String onBehalfOf(NativeWebRequest request) {
        try {
            return OnBehalfOf.fromHeaders(request.getHeader(RECORDED_BY), request.getHeader(RECORDED_BY_EXTENDED))
                    .orElse(null);
        } catch (IllegalArgumentException unreadable) {
            throw new InvalidInputException(
                    InputErrors.INVALID_TITLE,
                    unreadable.getMessage(),
                    List.of(new FieldError(RECORDED_BY, unreadable.getMessage())));
        }
    }
}
