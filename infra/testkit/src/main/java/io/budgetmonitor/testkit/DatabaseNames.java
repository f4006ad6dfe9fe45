package io.budgetmonitor.testkit;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes database names that are unique per call, readable in {@code \l}, and safe without quoting.
 * A per-JVM token keeps two builds sharing one external server apart.
 */
final class DatabaseNames {

    private static final int MAX_PREFIX = 40; // PostgreSQL identifiers stop at 63 bytes
    private static final String JVM_TOKEN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private DatabaseNames() {}

    static String unique(String prefix) {
        return sanitize(prefix) + "_" + JVM_TOKEN + "_" + COUNTER.incrementAndGet();
    }

    static String sanitize(String prefix) {
        String name = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "db_" + name;
        }
        return name.length() > MAX_PREFIX ? name.substring(0, MAX_PREFIX) : name;
    }
}
