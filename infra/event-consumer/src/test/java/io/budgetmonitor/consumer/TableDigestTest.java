package io.budgetmonitor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.testkit.PostgresDatabase;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The read-model fingerprint both readers use to compare a live model with a clean rebuild (real PostgreSQL). */
class TableDigestTest {

    static JdbcTemplate jdbc;

    @BeforeAll
    static void database() {
        PostgresDatabase db = TestInfrastructure.get().newDatabase("digest");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
        for (String t : new String[] {"live", "rebuilt"}) {
            jdbc.execute("create table " + t + " (k text primary key, amount numeric(18,2), note text)");
            jdbc.update("insert into " + t + " values ('L1', 100.00, null), ('L2', 0.10, 'x')");
        }
    }

    private static Map<String, String> digest(String table) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("lines", "select * from " + table + " order by k");
        return TableDigest.of(jdbc, q);
    }

    @Test
    void equalTablesHaveEqualDigestsAndAChangedCentOrANullDoesNot() {
        assertThat(digest("live")).isEqualTo(digest("rebuilt")).containsKeys("lines", "all");

        jdbc.update("update rebuilt set amount = 100.01 where k = 'L1'");
        assertThat(digest("rebuilt").get("lines")).isNotEqualTo(digest("live").get("lines"));
        jdbc.update("update rebuilt set amount = 100.00 where k = 'L1'");
        assertThat(digest("rebuilt")).isEqualTo(digest("live"));

        // an empty note is not a missing one (NULL is written as \N)
        jdbc.update("update rebuilt set note = '' where k = 'L1'");
        assertThat(digest("rebuilt").get("all")).isNotEqualTo(digest("live").get("all"));
    }
}
