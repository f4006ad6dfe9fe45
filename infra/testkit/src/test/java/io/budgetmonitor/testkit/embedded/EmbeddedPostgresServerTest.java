package io.budgetmonitor.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void persistentDataDirectorySurvivesRestart(@TempDir Path dir) throws SQLException {
        Path data = dir.resolve("pgdata");
        int port = FreePorts.find();

        long start = System.nanoTime();
        try (EmbeddedPostgresServer server =
                EmbeddedPostgresServer.builder().dataDirectory(data).port(port).build()) {
            server.start();
            System.out.printf(
                    "[testkit] persistent PostgreSQL first start (initdb) %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(server.port()).isEqualTo(port);
            try (Connection c = connect(server);
                    Statement s = c.createStatement()) {
                s.execute("create table budget (id int primary key, amount numeric)");
                s.execute("insert into budget values (1, 125.50)");
                try (ResultSet fsync = s.executeQuery("show fsync")) {
                    fsync.next();
                    assertThat(fsync.getString(1))
                            .as("a persistent server is durable")
                            .isEqualTo("on");
                }
            }
        }
        assertThat(data).isDirectory();
        assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();

        start = System.nanoTime();
        try (EmbeddedPostgresServer again =
                EmbeddedPostgresServer.builder().dataDirectory(data).port(port).build()) {
            again.start();
            System.out.printf(
                    "[testkit] persistent PostgreSQL restart %d ms%n", (System.nanoTime() - start) / 1_000_000);
            try (Connection c = connect(again);
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select amount from budget where id = 1")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBigDecimal(1)).isEqualByComparingTo("125.50");
            }
        }
    }

    @Test
    void temporaryServerRunsOnFreePortAndCleansUp() throws SQLException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().build();
        long start = System.nanoTime();
        server.start();
        System.out.printf("[testkit] temporary PostgreSQL start %d ms%n", (System.nanoTime() - start) / 1_000_000);
        try (Connection c = connect(server);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select version()")) {
            r.next();
            assertThat(r.getString(1)).startsWith("PostgreSQL 16");
        } finally {
            server.stop();
        }
        assertThat(server.isRunning()).isFalse();
        server.stop(); // idempotent
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
    }
}
