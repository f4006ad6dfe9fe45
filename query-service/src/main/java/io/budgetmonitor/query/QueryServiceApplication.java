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
        if (Arrays.asList(args).contains("--rebuild")) {
            System.exit(rebuild(args));
        }
        new SpringApplication(QueryServiceApplication.class).run(args);
    }

    /**
     * {@code --rebuild}: a one-shot run with no web server that does not consume; it refuses to start
     * while a replica consumes the log (see {@code RebuildOnStart}). Returns the process's exit code.
     */
    public static int rebuild(String[] args) {
        SpringApplication app = new SpringApplication(QueryServiceApplication.class);
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("spring.main.web-application-type", "none");
        defaults.put("budget.consumption.enabled", "false");
        defaults.put("budget.rebuild.on-start", "true");
        app.setDefaultProperties(defaults);
        try {
            return SpringApplication.exit(app.run(args));
        } catch (RuntimeException failed) {
            return 1; // Spring has logged why
        }
    }
}
