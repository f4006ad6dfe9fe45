package io.budgetmonitor.query;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * query-service: execution read models, monitoring alerts, history and as-of queries over a copy of
 * the event log. {@code --rebuild} replays the log into fresh tables, swaps them in and exits.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class QueryServiceApplication {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(QueryServiceApplication.class);
        if (Arrays.asList(args).contains("--rebuild")) {
            // a one-shot CLI run: no web server and no consumer competing with the replay
            Map<String, Object> defaults = new HashMap<>();
            defaults.put("spring.main.web-application-type", "none");
            defaults.put("budget.consumption.enabled", "false");
            defaults.put("budget.rebuild.on-start", "true");
            app.setDefaultProperties(defaults);
            System.exit(SpringApplication.exit(app.run(args)));
        }
        app.run(args);
    }
}
