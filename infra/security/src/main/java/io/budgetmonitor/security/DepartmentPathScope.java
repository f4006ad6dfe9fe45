package io.budgetmonitor.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Every route with a {@code {department}} path variable is scoped without its controller having to
 * remember: a department outside the caller's scope answers 404 before the handler runs. Routes that
 * name departments elsewhere (a body, a filter, a stored resource) check {@link Caller#requireScope}.
 */
final class DepartmentPathScope implements HandlerInterceptor {

    static final String VARIABLE = "department";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map && map.get(VARIABLE) instanceof String department) {
            Caller.current().ifPresent(caller -> caller.requireScope(department));
        }
        return true;
    }
}
