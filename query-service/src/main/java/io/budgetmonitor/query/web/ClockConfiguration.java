package io.budgetmonitor.query.web;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's notion of "now" (evaluation date, transition instants): a bean so tests can move it.
 * Its zone is the locality's ({@code budget.monitoring.zone}, default Asia/Shanghai): "today" for 序时进度
 * and the monitor is the date in 石井, not in UTC — at 01:00 on 1 April in Shanghai the first quarter is
 * over, although UTC still says 31 March. Instants are unaffected by the zone.
 */
@Configuration
public class ClockConfiguration {
    public static final String DEFAULT_ZONE = "Asia/Shanghai";

    @Bean
    public Clock clock(@Value("${budget.monitoring.zone:" + DEFAULT_ZONE + "}") String zone) {
        return local(Clock.systemUTC(), zone);
    }

    /** {@code base} read in the locality's zone: same instants, local dates. */
    public static Clock local(Clock base, String zone) {
        return base.withZone(ZoneId.of(zone == null || zone.isBlank() ? DEFAULT_ZONE : zone.trim()));
    }
}
