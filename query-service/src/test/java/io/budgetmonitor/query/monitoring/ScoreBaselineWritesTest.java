package io.budgetmonitor.query.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * An evaluation writes the score baseline only when it changes: most evaluations after a batch leave the
 * projected score where it was, and an unchanged write would still be a commit (a WAL flush) on the
 * consumer's path before the alerts are reconciled. Seen in PostgreSQL itself: an unchanged row keeps its
 * row version ({@code xmin}).
 */
class ScoreBaselineWritesTest extends IntegrationTest {
    static final String DEPARTMENT = "BASELINE";

    @Test
    void anUnchangedProjectionIsNotWrittenAgainAndAChangedOneIs() {
        clock.setDate(LocalDate.of(2021, 6, 30));
        publish(scenario().behindSchedule(DEPARTMENT));
        await().atMost(Duration.ofSeconds(60)).until(() -> alerts() == 3);
        String version = rowVersion();
        BigDecimal latest = latest();

        evaluateToday();
        assertThat(rowVersion()).as("nothing changed: no new row version").isEqualTo(version);
        assertThat(latest()).isEqualTo(latest);

        // a stale latest (as if written by an older evaluation) is corrected by the next one
        jdbc.update("update score_projection set latest = latest + 1 where department = ?", DEPARTMENT);
        String stale = rowVersion();
        evaluateToday();
        assertThat(rowVersion()).isNotEqualTo(stale);
        assertThat(latest()).isEqualTo(latest);
    }

    private void evaluateToday() {
        Http.Response response = Http.as("admin")
                .post(baseUrl() + "/api/v1/admin/evaluations?department=" + DEPARTMENT + "&year=2021", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("whatIf").asBoolean()).isFalse();
    }

    private String rowVersion() {
        return jdbc.queryForObject(
                "select xmin::text from score_projection where department = ? and fiscal_year = 2021",
                String.class,
                DEPARTMENT);
    }

    private BigDecimal latest() {
        return jdbc.queryForObject(
                "select latest from score_projection where department = ? and fiscal_year = 2021",
                BigDecimal.class,
                DEPARTMENT);
    }

    private int alerts() {
        return jdbc.queryForObject("select count(*) from alert where department = ?", Integer.class, DEPARTMENT);
    }
}
