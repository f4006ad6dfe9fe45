package io.budgetmonitor.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code budget.cors.*}: the browser origins (跨域来源) allowed to call the API and open its SSE streams
 * from another site, e.g. a dashboard served elsewhere. None by default: only same-origin pages call.
 *
 * @param allowedOrigins exact origins ({@code https://dashboard.example.gov.cn}); patterns are not accepted,
 *                       because credentials are allowed and a wildcard would hand them to any site
 */
@ConfigurationProperties("budget.cors")
public record CorsSettings(List<String> allowedOrigins) {

    public CorsSettings {
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : allowedOrigins.stream()
                        .map(String::trim)
                        .filter(origin -> !origin.isEmpty())
                        .toList();
        for (String origin : allowedOrigins) {
            if (origin.contains("*")) {
                // refused at start-up rather than by Spring on the first cross-origin request
                throw new IllegalArgumentException("budget.cors.allowed-origins takes exact origins, not " + origin);
            }
        }
    }

    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }
}
