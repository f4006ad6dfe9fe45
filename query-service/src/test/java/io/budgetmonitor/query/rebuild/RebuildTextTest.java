package io.budgetmonitor.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementRejected;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.events.QuarterClosed;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rebuild writes its fresh tables with COPY (text format) while the live projection binds parameters: text
 * that COPY treats specially (backslash, tab, newline, carriage return, a literal {@code \N}), nulls, decimals
 * of every scale, dates and booleans must come out of both paths as the same rows.
 */
class RebuildTextTest extends IntegrationTest {
    private static final String AWKWARD = "a\\b\tc\nd\re \\N \\\\N 石井街道 \"q\" '";

    @Test
    void textThatCopyEscapesIsRebuiltAsTheLiveProjectionWroteIt() {
        ScenarioEvents s = scenario();
        String dept = "RB-TEXT";
        LocalDate day = LocalDate.of(2021, 2, 3);
        List<RecordedEvent> events = List.of(
                s.record(new FiscalYearOpened(dept, 2021, AWKWARD, "baiyun-2022", List.of(), day)),
                s.record(new BudgetAllocated(
                        dept,
                        2021,
                        "L\\1\t",
                        AWKWARD,
                        FundSource.values()[0],
                        ExpenditureType.values()[0],
                        ThreePublicCategory.NONE,
                        true,
                        Money.of("12345678.90"),
                        day)),
                s.record(new BudgetAllocated(
                        dept,
                        2021,
                        "\\N",
                        "",
                        FundSource.values()[1],
                        ExpenditureType.values()[1],
                        ThreePublicCategory.NONE,
                        false,
                        Money.of("0.01"),
                        day)),
                s.record(new DisbursementRecorded(
                        dept, 2021, "L\\1\t", "V1", Money.of("100.00"), AWKWARD, AWKWARD, false, day)),
                s.record(new DisbursementRejected(
                        dept,
                        2021,
                        "\\N",
                        "V2",
                        Money.of("5.00"),
                        Money.of("0.01"),
                        AWKWARD,
                        AWKWARD,
                        true,
                        AWKWARD,
                        day.plusMonths(4))),
                s.record(new PerformanceTargetSet(
                        dept,
                        2021,
                        "K\n1",
                        AWKWARD,
                        AWKWARD,
                        KpiDirection.values()[0],
                        new BigDecimal("1E+3"),
                        AWKWARD,
                        "%\t",
                        new BigDecimal("2.50"),
                        day)),
                s.record(new PerformanceTargetSet(dept, 2021, "K2", null, null, null, null, null, null, null, day)),
                s.record(new PerformanceProgressReported(dept, 2021, "K\n1", new BigDecimal("0.000"), false, day)),
                s.record(new QuarterClosed(dept, 2021, 1, Map.of(FundSource.values()[0], Money.of("1.10")), day)));
        publish(events);
        awaitApplied(events);
        JsonNode live = Http.get(baseUrl() + "/api/v1/admin/digest").body();

        JsonNode rebuilt = Http.post(baseUrl() + "/api/v1/admin/rebuild", null).body();

        assertThat(rebuilt.get("digest")).isEqualTo(live);
        assertThat(jdbc.queryForObject(
                        "select department_name from rm.dept_year where department = ?", String.class, dept))
                .isEqualTo(AWKWARD);
    }
}
