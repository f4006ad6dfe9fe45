package io.budgetmonitor.command;

import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The command side (写入端) of budget-monitor: the only writer of the event log. Commands arrive over
 * REST (one resource per command, or an NDJSON import), Axon aggregates decide them, events go to
 * PostgreSQL and a streaming processor publishes them to Kafka.
 *
 * <p>Environment: {@code SPRING_DATASOURCE_URL}/{@code _USERNAME}/{@code _PASSWORD},
 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, {@code SERVER_PORT} (default 8081) and
 * {@code AXONIQ_UPDATE_CHECKER_DISABLED=true}, which {@link #main} makes redundant by setting the
 * matching system property itself: the service makes no outbound calls beyond its database and Kafka.
 */
@SpringBootApplication(exclude = JdbcAutoConfiguration.class) // replaced by eventstore.EventStoreConfiguration
@EnableScheduling // idempotency.IdempotencyKeyExpiry
public class CommandServiceApplication {

    public static void main(String[] args) {
        disableAxonUpdateChecker();
        SpringApplication.run(CommandServiceApplication.class, args);
    }

    /**
     * Axon's update checker phones home and writes {@code ~/.axoniq}. It reads this system property
     * (or the {@code AXONIQ_UPDATE_CHECKER_DISABLED} environment variable) before Spring starts, so
     * it must be set here, not in application.yml. An explicit {@code -D...=false} is respected.
     */
    static void disableAxonUpdateChecker() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }
}
