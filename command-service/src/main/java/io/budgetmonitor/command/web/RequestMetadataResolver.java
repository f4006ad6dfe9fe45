package io.budgetmonitor.command.web;

import io.budgetmonitor.command.dispatch.RequestMetadata;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads {@code X-Recorded-By} (default {@code anonymous}) and {@code X-Correlation-Id} (generated when
 * absent) into a {@link RequestMetadata} parameter (read as UTF-8, checked by {@link InputLimits}), and echoes the correlation id in the response.
 */
public class RequestMetadataResolver implements HandlerMethodArgumentResolver {

    public static final String RECORDED_BY = "X-Recorded-By";
    public static final String CORRELATION_ID = "X-Correlation-Id";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return RequestMetadata.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        RequestMetadata metadata = RequestMetadata.of(RequestHeaderText.decoded(request.getHeader(RECORDED_BY)),
                RequestHeaderText.decoded(request.getHeader(CORRELATION_ID)));
        HttpServletResponse response = request.getNativeResponse(HttpServletResponse.class);
        if (response != null) {
            response.setHeader(CORRELATION_ID, metadata.correlationId());
        }
        return metadata;
    }
}
