package io.budgetmonitor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.testkit.PostgresDatabase;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A poison record delivered again (its offset commit lost: commits are asynchronous) is parked once, on the
 * module's own migrations and real PostgreSQL; another offset of the same partition is a dead letter of its own.
 */
class DeadLetterOnceTest {

    static JdbcTemplate jdbc;
    static ConsumerStore store;

    @BeforeAll
    static void database() {
        PostgresDatabase db = TestInfrastructure.get().newDatabase("dead_letter_once");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        new ResourceDatabasePopulator(
                        new ClassPathResource("db/consumer/V161__event_consumer.sql"),
                        new ClassPathResource("db/consumer/V171__dead_letter_once.sql"))
                .execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        store = new ConsumerStore(jdbc);
    }

    private static Delivery poison(long offset) {
        return Delivery.decode(new ConsumerRecord<>(
                "budget.events.v1", 3, offset, "BY-SJ:2021:L1", "{not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRedeliveredPoisonRecordIsParkedOnce() {
        store.park(poison(42));
        store.park(poison(42));
        store.park(poison(43));

        assertThat(jdbc.queryForList(
                        "select kafka_offset from dead_letter where kafka_partition = 3 order by kafka_offset",
                        Long.class))
                .containsExactly(42L, 43L);
        assertThat(jdbc.queryForObject("select error from dead_letter where kafka_offset = 42", String.class))
                .isNotBlank();
    }
}
