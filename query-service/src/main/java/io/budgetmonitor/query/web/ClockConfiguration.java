package io.budgetmonitor.query.web;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's notion of "now" (evaluation date, transition instants): a bean so tests can move it. */
@Configuration
public class ClockConfiguration {
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
