package io.budgetmonitor.query.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * 序时进度 is the locality's configuration on the running service: with
 * {@code budget.monitoring.time-progress=quarter-targets:0.35,0.60,0.80,1} the execution endpoints show 60%
 * on 30 June, and a line 42% spent is 18 points behind — the monitor raises EXECUTION_BEHIND_SCHEDULE as a
 * warning, where the straight line (50%, 8 points) raises nothing (RuleEngineTest).
 */
// its own context (own database and consumer group), closed after the class so it consumes nothing after it
@DirtiesContext
@TestPropertySource(properties = "budget.monitoring.time-progress=quarter-targets:0.35,0.60,0.80,1")
class LocalityCurveTest extends IntegrationTest {
    static final String D = "CURVE";

    @Test
    void aQuarterTargetCurveIsTheTimeProgressOfTheEndpointsAndTheMonitor() {
        clock.setDate(LocalDate.of(2021, 6, 30));
        ScenarioEvents scenario = scenario();
        List<RecordedEvent> events = List.of(
                scenario.record(
                        new FiscalYearOpened(D, 2021, "曲线", "baiyun-2022", List.of(), LocalDate.of(2021, 1, 1))),
                scenario.record(new BudgetAllocated(
                        D,
                        2021,
                        "L1",
                        "项目L1",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PROJECT,
                        ThreePublicCategory.NONE,
                        false,
                        Money.of("1000.00"),
                        LocalDate.of(2021, 1, 1))),
                scenario.record(new DisbursementRecorded(
                        D, 2021, "L1", "V1", Money.of("420.00"), "p", "x", false, LocalDate.of(2021, 5, 20))));
        publish(events);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        jdbc.queryForObject("select count(*) from alert where department = ?", Integer.class, D) == 3);

        JsonNode execution = Http.as("viewer")
                .get(baseUrl() + "/api/v1/departments/" + D + "/years/2021/execution?asOf=2021-06-30")
                .body();
        assertThat(execution.get("timeProgress").asText()).isEqualTo("0.6000");
        JsonNode lines = Http.as("viewer")
                .get(baseUrl() + "/api/v1/departments/" + D + "/years/2021/lines?asOf=2021-05-15")
                .body();
        assertThat(lines.get(0).get("timeProgress").asText()).isEqualTo("0.4750");

        assertThat(jdbc.queryForList(
                        "select rule || ' ' || subject || ' ' || severity as a from alert where department = ? order by subject",
                        String.class,
                        D))
                .containsExactly(
                        "EXECUTION_BEHIND_SCHEDULE department WARNING",
                        "EXECUTION_BEHIND_SCHEDULE fund-source:GENERAL_PUBLIC_BUDGET WARNING",
                        "EXECUTION_BEHIND_SCHEDULE line:L1 WARNING");
        assertThat(jdbc.queryForObject(
                        "select message from alert where department = ? and subject = 'line:L1'", String.class, D))
                .isEqualTo("cumulative execution 42.0% on 2021-06-30, time progress 60.0%, 18.0 points behind");
    }
}
