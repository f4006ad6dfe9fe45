package io.budgetmonitor.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the test servers come from; chosen with {@code BUDGET_TEST_INFRA} or
 * {@code -Dbudget.test.infra}.
 */
public enum InfraMode {
    /** Testcontainers when a Docker engine answers, embedded servers otherwise (the default). */
    AUTO,
    /** PostgreSQL and Kafka containers through Testcontainers; fails when Docker does not answer. */
    CONTAINERS,
    /** Embedded PostgreSQL binaries and an in-process KRaft Kafka broker; never touches Docker. */
    EMBEDDED,
    /** Servers somebody else runs, given by {@code BUDGET_TEST_PG_*} and {@code BUDGET_TEST_KAFKA_BOOTSTRAP}. */
    EXTERNAL;

    /**
     * @param value a mode name in any case; blank or {@code null} means {@link #AUTO}
     * @return the mode
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static InfraMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String known = Arrays.stream(values())
                    .map(mode -> mode.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException(
                    "unknown test infrastructure mode '" + value + "'; use one of: " + known, e);
        }
    }
}
