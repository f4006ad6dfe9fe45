package io.budgetmonitor.command.fiscalyear;

import static io.budgetmonitor.command.refusal.Refusal.refused;

import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.api.commands.ExplainDeviation;
import io.budgetmonitor.api.commands.OpenFiscalYear;
import io.budgetmonitor.api.events.DeviationExplained;
import io.budgetmonitor.api.events.FiscalYearClosed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.values.KpiDirection;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 偏差原因及纠偏措施 (issue 14 part 3): what the fiscal year accepts as an explanation of a deviation. */
class DeviationExplanationTest {

    static final String DEPT = "BY-SJ";
    static final int YEAR = 2021;
    static final LocalDate JAN = LocalDate.of(2021, 1, 4);
    static final LocalDate JULY = LocalDate.of(2021, 7, 15);

    private FixtureConfiguration<FiscalYear> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FiscalYear.class);
        fixture.registerCommandTargetResolver(command ->
                new VersionedAggregateIdentifier(((BudgetCommand) command.getPayload()).targetAggregateId(), null));
    }

    static FiscalYearOpened opened() {
        return new FiscalYearOpened(DEPT, YEAR, "石井街道办事处", "baiyun-2022", OpenFiscalYear.DEFAULT_QUARTER_TARGETS, JAN);
    }

    static PerformanceTargetSet kpi() {
        return new PerformanceTargetSet(
                DEPT,
                YEAR,
                "B5.4",
                "B5",
                "扶贫资金到位率",
                KpiDirection.HIGHER_IS_BETTER,
                new BigDecimal("100"),
                null,
                "%",
                new BigDecimal("2"),
                JAN);
    }

    static ExplainDeviation explain(String subject, String cause, String measure) {
        return new ExplainDeviation(DEPT, YEAR, subject, cause, measure, JULY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"B5.4", "EXECUTION", "GENERAL_PUBLIC_BUDGET", "GOVERNMENT_FUND"})
    void aKpiOfTheYearTheWholeBudgetOrAFundSourceMayBeExplained(String subject) {
        fixture.given(opened(), kpi())
                .when(explain(subject, "上级资金未下达", "督促拨付"))
                .expectEvents(new DeviationExplained(DEPT, YEAR, subject, "上级资金未下达", "督促拨付", JULY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"B9.9", "A1.1", "general_public_budget", "execution"})
    void anotherSubjectIsRefused(String subject) {
        fixture.given(opened(), kpi())
                .when(explain(subject, "原因", "措施"))
                .expectException(refused(422, "Unknown deviation subject"))
                .expectNoEvents();
    }

    @Test
    void causeAndMeasureAreBothNeeded() {
        fixture.given(opened(), kpi())
                .when(explain("B5.4", " ", "措施"))
                .expectException(refused(422, "Missing cause"))
                .expectNoEvents();
        fixture.given(opened(), kpi())
                .when(explain("B5.4", "原因", ""))
                .expectException(refused(422, "Missing measure"))
                .expectNoEvents();
    }

    /** A resent form records nothing; a changed one is a new explanation that replaces the old one. */
    @Test
    void theSameExplanationAgainRecordsNothingAndAChangedOneIsRecorded() {
        DeviationExplained first = new DeviationExplained(DEPT, YEAR, "B5.4", "上级资金未下达", "督促拨付", JULY);
        fixture.given(opened(), kpi(), first)
                .when(explain("B5.4", "上级资金未下达", "督促拨付"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(opened(), kpi(), first)
                .when(explain("B5.4", "上级资金未下达", "九月底前拨付到位"))
                .expectEvents(new DeviationExplained(DEPT, YEAR, "B5.4", "上级资金未下达", "九月底前拨付到位", JULY));
    }

    @Test
    void aClosedYearTakesNoExplanation() {
        fixture.given(opened(), kpi(), new FiscalYearClosed(DEPT, YEAR, LocalDate.of(2022, 1, 20)))
                .when(explain("B5.4", "原因", "措施"))
                .expectException(refused(409, "Fiscal year closed"))
                .expectNoEvents();
    }
}
