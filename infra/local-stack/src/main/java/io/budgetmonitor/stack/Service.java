package io.budgetmonitor.stack;

/** The three services of the system, with their default ports and databases. */
public enum Service {
    COMMAND("command-service", 8081, "budget_command"),
    QUERY("query-service", 8082, "budget_query"),
    SCORING("scoring-service", 8083, "budget_scoring");

    private final String artifact;
    private final int defaultPort;
    private final String database;

    Service(String artifact, int defaultPort, String database) {
        this.artifact = artifact;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String artifact() {
        return artifact;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String database() {
        return database;
    }

    /** Name used in flags and environment variables: command, query, scoring. */
    public String key() {
        return name().toLowerCase();
    }
}
