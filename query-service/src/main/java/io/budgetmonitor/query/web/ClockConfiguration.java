package io.budgetmonitor.query.web;

import io.budgetmonitor.api.values.LocalityClock;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's notion of "now" (evaluation date, transition instants): a bean so tests can move it.
 * Its zone is the locality's ({@code budget.monitoring.zone}, default Asia/Shanghai), read through
 * budget-api's {@link LocalityClock} exactly as scoring-service reads it.
 */
@Configuration
public class ClockConfiguration {

    @Bean
    public Clock clock(
            @Value("${" + LocalityClock.ZONE_PROPERTY + ":" + LocalityClock.DEFAULT_ZONE + "}") String zone) {
        return LocalityClock.system(zone);
    }
}
