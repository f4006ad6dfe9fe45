package io.budgetmonitor.query.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.testkit.PostgresDatabase;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The shared consumer's migrations on a database that already ran main's (up to V151, the alert transitions
 * through the outbox): they are pending, not ignored, run after it, and carry the old bookkeeping over.
 */
class ConsumerMigrationTest {

    private static final String[] LOCATIONS = {"classpath:db/migration", "classpath:db/outbox", "classpath:db/consumer"
    };

    @Test
    void aDatabaseThatRanMainsMigrationsTakesTheConsumerMigrationsAndKeepsItsProgress() {
        PostgresDatabase database = TestInfrastructure.get().newDatabase("query-migration");
        JdbcTemplate jdbc = new JdbcTemplate(
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
        flyway(database, "151").migrate();
        jdbc.update("insert into applied_sequence (aggregate_id, last_sequence) values ('D:2021:L1', 41)");

        flyway(database, "latest").migrate();

        MigrationInfo[] applied = flyway(database, "latest").info().applied();
        System.out.println("applied after main's V151: "
                + Arrays.stream(applied)
                        .filter(m -> m.getVersion() != null && m.getVersion().isNewerThan("151"))
                        .map(m -> "V" + m.getVersion() + " " + m.getState())
                        .toList());
        assertThat(Arrays.stream(applied)
                        .filter(m -> m.getVersion() != null && m.getVersion().isNewerThan("151"))
                        .map(m -> m.getVersion().getVersion()))
                // the consumer's three come right after main's V151, in order; later features follow them
                .startsWith("160", "161", "162");
        assertThat(applied).allMatch(m -> m.getState() == MigrationState.SUCCESS);
        assertThat(jdbc.queryForObject(
                        "select last_sequence from consumer_sequence where aggregate_id = 'D:2021:L1'", Long.class))
                .isEqualTo(41L);
        assertThat(jdbc.queryForObject(
                        "select count(*) from information_schema.tables where table_name like 'legacy_%'", Long.class))
                .isZero();
    }

    private static Flyway flyway(PostgresDatabase database, String target) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations(LOCATIONS)
                .target(target)
                .load();
    }
}
