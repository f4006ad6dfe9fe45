package io.budgetmonitor.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The switches of the test kit, each readable as a system property {@code budget.test.<key>} (wins,
 * because it is the more local setting) or an environment variable {@code BUDGET_TEST_<KEY>}.
 *
 * @param mode           {@code infra}: where the servers come from
 * @param pgUrl          {@code pg.url}: external mode, JDBC URL of a server where the user may CREATE DATABASE
 * @param pgUser         {@code pg.user}
 * @param pgPassword     {@code pg.password}
 * @param kafkaBootstrap {@code kafka.bootstrap}: external mode, bootstrap servers
 * @param pgImage        {@code pg.image}: containers mode, PostgreSQL image
 * @param kafkaImage     {@code kafka.image}: containers mode, Kafka image
 */
record InfraSettings(
        InfraMode mode,
        String pgUrl,
        String pgUser,
        String pgPassword,
        String kafkaBootstrap,
        String pgImage,
        String kafkaImage) {

    static final String DEFAULT_PG_IMAGE = "postgres:16-alpine";
    static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:3.9.1";

    static InfraSettings fromEnvironment() {
        return from(System::getProperty, System::getenv);
    }

    static InfraSettings from(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        Reader read = key -> {
            String property = systemProperties.apply("budget.test." + key);
            if (property != null && !property.isBlank()) {
                return property.trim();
            }
            String variable = environment.apply(
                    "BUDGET_TEST_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
            return variable == null || variable.isBlank() ? null : variable.trim();
        };
        return new InfraSettings(
                InfraMode.parse(read.get("infra")),
                read.get("pg.url"),
                read.get("pg.user"),
                read.get("pg.password"),
                read.get("kafka.bootstrap"),
                orDefault(read.get("pg.image"), DEFAULT_PG_IMAGE),
                orDefault(read.get("kafka.image"), DEFAULT_KAFKA_IMAGE));
    }

    /** @throws IllegalStateException naming every external-mode switch that is missing */
    void requireExternal() {
        List<String> missing = new ArrayList<>();
        if (pgUrl == null) {
            missing.add("BUDGET_TEST_PG_URL");
        }
        if (pgUser == null) {
            missing.add("BUDGET_TEST_PG_USER");
        }
        if (kafkaBootstrap == null) {
            missing.add("BUDGET_TEST_KAFKA_BOOTSTRAP");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("BUDGET_TEST_INFRA=external needs " + String.join(", ", missing)
                    + " (or the budget.test.* system properties)");
        }
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    @FunctionalInterface
    private interface Reader {
        String get(String key);
    }
}
