package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.TimeProgressCurve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The locality's 序时进度 curve from {@code budget.monitoring.time-progress} ({@code straight-line},
 * {@code quarter-targets:0.2,0.45,0.7,1} or {@code monthly-targets:} and twelve values), parsed by
 * budget-api's {@link TimeProgressCurve#parse}. A malformed value stops the service at start-up with
 * the reason, rather than monitoring against a curve nobody configured.
 */
@Configuration
public class TimeProgressConfiguration {

    public static final String PROPERTY = "budget.monitoring.time-progress";

    @Bean
    public TimeProgress timeProgress(@Value("${" + PROPERTY + ":straight-line}") String curve) {
        try {
            return new TimeProgress(TimeProgressCurve.parse(curve));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + ": " + e.getMessage(), e);
        }
    }
}
