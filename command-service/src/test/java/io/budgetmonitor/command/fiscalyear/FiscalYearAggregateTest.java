package io.budgetmonitor.command.fiscalyear;

import static io.budgetmonitor.command.refusal.Refusal.refused;

import io.budgetmonitor.api.commands.AdjustPerformanceTarget;
import io.budgetmonitor.api.commands.ApproveProcurementPlan;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.api.commands.CloseFiscalYear;
import io.budgetmonitor.api.commands.CloseQuarter;
import io.budgetmonitor.api.commands.OpenFiscalYear;
import io.budgetmonitor.api.commands.RecordBonusPenalty;
import io.budgetmonitor.api.commands.RecordQualitativeAssessment;
import io.budgetmonitor.api.commands.ReportAssetUtilization;
import io.budgetmonitor.api.commands.ReportPerformanceProgress;
import io.budgetmonitor.api.commands.SetPerformanceTarget;
import io.budgetmonitor.api.events.AssetUtilizationReported;
import io.budgetmonitor.api.events.BonusPenaltyRecorded;
import io.budgetmonitor.api.events.FiscalYearClosed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetAdjusted;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.events.ProcurementPlanApproved;
import io.budgetmonitor.api.events.QualitativeAssessmentRecorded;
import io.budgetmonitor.api.events.QuarterClosed;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Given/when/then of every rule a department's fiscal year keeps. */
class FiscalYearAggregateTest {

    static final String DEPT = "BY-SJ";
    static final int YEAR = 2021;
    static final LocalDate JAN = LocalDate.of(2021, 1, 4);
    static final LocalDate ON = LocalDate.of(2021, 6, 15);

    private FixtureConfiguration<FiscalYear> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FiscalYear.class);
        fixture.registerInjectableResource(RubricCodebooks.shipped());
        fixture.registerCommandTargetResolver(command ->
                new VersionedAggregateIdentifier(((BudgetCommand) command.getPayload()).targetAggregateId(), null));
    }

    static List<BigDecimal> targets(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }

    static FiscalYearOpened opened() {
        return new FiscalYearOpened(DEPT, YEAR, "石井街道办事处", "baiyun-2022", OpenFiscalYear.DEFAULT_QUARTER_TARGETS, JAN);
    }

    static FiscalYearOpened openedUnderMof() {
        return new FiscalYearOpened(DEPT, YEAR, "区卫生健康局", "mof-dept-2020", OpenFiscalYear.DEFAULT_QUARTER_TARGETS, JAN);
    }

    static QuarterClosed quarterClosed(int quarter) {
        return new QuarterClosed(
                DEPT, YEAR, quarter, Map.of(), Quarter.of(quarter).lastDay(YEAR).plusDays(10));
    }

    static CloseQuarter closeQuarter(int quarter, LocalDate on) {
        return new CloseQuarter(DEPT, YEAR, quarter, null, on);
    }

    static Object[] allQuartersClosed() {
        return new Object[] {opened(), quarterClosed(1), quarterClosed(2), quarterClosed(3), quarterClosed(4)};
    }

    static SetPerformanceTarget setTarget(String kpi, KpiDirection direction, String target) {
        return new SetPerformanceTarget(
                DEPT,
                YEAR,
                kpi,
                "B5",
                "扶贫资金到位率",
                direction,
                target == null ? null : new BigDecimal(target),
                null,
                "%",
                new BigDecimal("2"),
                JAN);
    }

    static PerformanceTargetSet targetSet(String kpi, KpiDirection direction, String target) {
        return new PerformanceTargetSet(
                DEPT,
                YEAR,
                kpi,
                "B5",
                "扶贫资金到位率",
                direction,
                target == null ? null : new BigDecimal(target),
                null,
                "%",
                new BigDecimal("2"),
                JAN);
    }

    @Nested
    class Opening {

        @Test
        void opensWithDefaultRubricAndTargets() {
            fixture.givenNoPriorActivity()
                    .when(new OpenFiscalYear(DEPT, YEAR, "石井街道办事处", null, null, JAN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(opened());
        }

        @Test
        void opensWithItsOwnQuarterTargets() {
            List<BigDecimal> targets = targets("0.20", "0.50", "0.50", "1");
            fixture.givenNoPriorActivity()
                    .when(new OpenFiscalYear(DEPT, YEAR, "石井街道办事处", "mof-dept-2020", targets, JAN))
                    .expectEvents(new FiscalYearOpened(DEPT, YEAR, "石井街道办事处", "mof-dept-2020", targets, JAN));
        }

        /** Targets not stated: the quarter ends of the rubric's curve, fixed in the event. */
        @Test
        void opensWithTheQuarterTargetsOfItsRubricsCurve() {
            fixture.givenNoPriorActivity()
                    .when(new OpenFiscalYear(DEPT, YEAR, "区卫生健康局", "mof-dept-2020", null, JAN))
                    .expectEvents(new FiscalYearOpened(
                            DEPT, YEAR, "区卫生健康局", "mof-dept-2020", targets("0.25", "0.50", "0.75", "1.00"), JAN));
        }

        @Test
        void refusesARubricItDoesNotKnowNamingTheKnownOnes() {
            fixture.givenNoPriorActivity()
                    .when(new OpenFiscalYear(DEPT, YEAR, "石井街道办事处", "baiyun-2099", null, JAN))
                    .expectException(refused(
                            422,
                            "Unknown rubric",
                            Map.of("field", "rubric", "allowed", List.of("baiyun-2022", "mof-dept-2020"))))
                    .expectNoEvents();
        }

        static Stream<List<BigDecimal>> invalidTargets() {
            List<BigDecimal> withNull = new ArrayList<>(targets("0.25", "0.50", "0.75"));
            withNull.add(1, null);
            return Stream.of(
                    targets("0.25", "0.50", "1.00"),
                    targets("0.25", "0.50", "0.75", "1.00", "1.00"),
                    targets("0", "0.50", "0.75", "1.00"),
                    targets("-0.25", "0.50", "0.75", "1.00"),
                    targets("0.50", "0.25", "0.75", "1.00"),
                    targets("0.25", "0.50", "1.25", "1.00"),
                    targets("0.25", "0.50", "0.75", "0.99"),
                    withNull);
        }

        @ParameterizedTest
        @MethodSource("invalidTargets")
        void refusesQuarterTargetsThatAreNotFourRisingSharesEndingAtOne(List<BigDecimal> targets) {
            fixture.givenNoPriorActivity()
                    .when(new OpenFiscalYear(DEPT, YEAR, "石井街道办事处", null, targets, JAN))
                    .expectException(refused(422, "Invalid quarter targets", Map.of("field", "quarterTargets")))
                    .expectNoEvents();
        }

        /** As with budget lines, the event store refuses a second stream for the same id. */
        @Test
        void openingAnOpenYearAgainFailsInTheEventStore() {
            fixture.given(opened())
                    .when(new OpenFiscalYear(DEPT, YEAR, "石井街道办事处", null, null, JAN))
                    .expectException(EventStoreException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Periods {

        @Test
        void closesTheFirstQuarterOnItsLastDayWithTheReportedExecution() {
            Map<FundSource, Money> reported = Map.of(FundSource.GENERAL_PUBLIC_BUDGET, Money.of("1234.56"));
            fixture.given(opened())
                    .when(new CloseQuarter(DEPT, YEAR, 1, reported, LocalDate.of(2021, 3, 31)))
                    .expectEvents(new QuarterClosed(DEPT, YEAR, 1, reported, LocalDate.of(2021, 3, 31)));
        }

        @Test
        void closesQuartersInOrder() {
            fixture.given(opened(), quarterClosed(1), quarterClosed(2))
                    .when(closeQuarter(3, LocalDate.of(2021, 10, 8)))
                    .expectEvents(new QuarterClosed(DEPT, YEAR, 3, Map.of(), LocalDate.of(2021, 10, 8)));
        }

        @Test
        void refusesToCloseAQuarterBeforeItEnds() {
            fixture.given(opened())
                    .when(closeQuarter(1, LocalDate.of(2021, 3, 30)))
                    .expectException(refused(422, "Quarter not over", Map.of("quarterEnd", "2021-03-31")))
                    .expectNoEvents();
        }

        @Test
        void refusesToSkipAQuarter() {
            fixture.given(opened(), quarterClosed(1))
                    .when(closeQuarter(3, LocalDate.of(2021, 10, 8)))
                    .expectException(refused(409, "Quarter out of order", Map.of("nextQuarter", 2)))
                    .expectNoEvents();
        }

        @Test
        void refusesToCloseAQuarterTwice() {
            fixture.given(opened(), quarterClosed(1), quarterClosed(2))
                    .when(closeQuarter(1, LocalDate.of(2021, 10, 8)))
                    .expectException(refused(409, "Quarter already closed"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 5})
        void refusesAQuarterThatDoesNotExist(int quarter) {
            fixture.given(opened())
                    .when(closeQuarter(quarter, LocalDate.of(2022, 1, 8)))
                    .expectException(refused(422, "Invalid quarter"))
                    .expectNoEvents();
        }

        @Test
        void refusesNegativeReportedExecution() {
            fixture.given(opened())
                    .when(new CloseQuarter(
                            DEPT, YEAR, 1, Map.of(FundSource.OTHER, Money.of("-0.01")), LocalDate.of(2021, 4, 2)))
                    .expectException(refused(422, "Negative reported execution"))
                    .expectNoEvents();
        }

        @Test
        void closesTheYearAfterTheFourthQuarter() {
            fixture.given(allQuartersClosed())
                    .when(new CloseFiscalYear(DEPT, YEAR, LocalDate.of(2022, 1, 20)))
                    .expectEvents(new FiscalYearClosed(DEPT, YEAR, LocalDate.of(2022, 1, 20)));
        }

        @Test
        void refusesToCloseTheYearBeforeTheFourthQuarter() {
            fixture.given(opened(), quarterClosed(1), quarterClosed(2), quarterClosed(3))
                    .when(new CloseFiscalYear(DEPT, YEAR, LocalDate.of(2021, 12, 31)))
                    .expectException(refused(409, "Quarters still open", Map.of("lastClosedQuarter", 3)))
                    .expectNoEvents();
        }
    }

    @Nested
    class AfterClosing {

        static final LocalDate LATER = LocalDate.of(2022, 2, 1);

        static Stream<Object> everyCommand() {
            return Stream.of(
                    new CloseFiscalYear(DEPT, YEAR, LATER),
                    closeQuarter(4, LATER),
                    new ApproveProcurementPlan(DEPT, YEAR, Money.of("100.00"), LATER),
                    new ReportAssetUtilization(DEPT, YEAR, Money.of("1.00"), Money.of("2.00"), LATER),
                    setTarget("B5.9", KpiDirection.HIGHER_IS_BETTER, "10"),
                    new AdjustPerformanceTarget(DEPT, YEAR, "B5.4", new BigDecimal("90"), null, "调整", LATER),
                    new ReportPerformanceProgress(DEPT, YEAR, "B5.4", new BigDecimal("95"), null, LATER),
                    new RecordQualitativeAssessment(DEPT, YEAR, "A6.5", new BigDecimal("1"), "逾期提交", "区财政局", LATER),
                    new RecordBonusPenalty(DEPT, YEAR, new BigDecimal("1"), "表彰", LATER));
        }

        @ParameterizedTest
        @MethodSource("everyCommand")
        void aClosedYearTakesNoFurtherCommand(Object command) {
            List<Object> given = new ArrayList<>(List.of(allQuartersClosed()));
            given.add(targetSet("B5.4", KpiDirection.HIGHER_IS_BETTER, "100"));
            given.add(new FiscalYearClosed(DEPT, YEAR, LocalDate.of(2022, 1, 20)));
            fixture.given(given)
                    .when(command)
                    .expectException(refused(409, "Fiscal year closed", Map.of("status", "CLOSED")))
                    .expectNoEvents();
        }
    }

    @Nested
    class ProcurementAndAssets {

        @Test
        void approvesAProcurementPlan() {
            fixture.given(opened())
                    .when(new ApproveProcurementPlan(DEPT, YEAR, Money.of("500000.00"), ON))
                    .expectEvents(new ProcurementPlanApproved(DEPT, YEAR, Money.of("500000.00"), ON));
        }

        @Test
        void refusesAnEmptyProcurementPlan() {
            fixture.given(opened())
                    .when(new ApproveProcurementPlan(DEPT, YEAR, Money.ZERO, ON))
                    .expectException(refused(422, "Amount must be positive"))
                    .expectNoEvents();
        }

        @Test
        void reportsAssetUtilization() {
            fixture.given(opened())
                    .when(new ReportAssetUtilization(DEPT, YEAR, Money.of("9993.00"), Money.of("10000.00"), ON))
                    .expectEvents(
                            new AssetUtilizationReported(DEPT, YEAR, Money.of("9993.00"), Money.of("10000.00"), ON));
        }

        @Test
        void allAssetsMayBeInUse() {
            fixture.given(opened())
                    .when(new ReportAssetUtilization(DEPT, YEAR, Money.of("10000.00"), Money.of("10000.00"), ON))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new AssetUtilizationReported(DEPT, YEAR, Money.of("10000.00"), Money.of("10000.00"), ON));
        }

        @Test
        void refusesMoreInUseThanThereIs() {
            fixture.given(opened())
                    .when(new ReportAssetUtilization(DEPT, YEAR, Money.of("10000.01"), Money.of("10000.00"), ON))
                    .expectException(refused(422, "Assets in use exceed the total"))
                    .expectNoEvents();
        }

        @Test
        void refusesNegativeAssetsInUse() {
            fixture.given(opened())
                    .when(new ReportAssetUtilization(DEPT, YEAR, Money.of("-1.00"), Money.of("10000.00"), ON))
                    .expectException(refused(422, "Invalid assets in use"))
                    .expectNoEvents();
        }

        @Test
        void refusesANonPositiveAssetTotal() {
            fixture.given(opened())
                    .when(new ReportAssetUtilization(DEPT, YEAR, Money.ZERO, Money.ZERO, ON))
                    .expectException(refused(422, "Invalid asset total"))
                    .expectNoEvents();
        }
    }

    @Nested
    class PerformanceTargets {

        @Test
        void setsAMeasuredKpi() {
            fixture.given(opened())
                    .when(setTarget("B5.4", KpiDirection.HIGHER_IS_BETTER, "100"))
                    .expectEvents(targetSet("B5.4", KpiDirection.HIGHER_IS_BETTER, "100"));
        }

        @Test
        void setsAQualitativeKpiWithoutANumber() {
            SetPerformanceTarget command = new SetPerformanceTarget(
                    DEPT,
                    YEAR,
                    "B1.4",
                    "B1",
                    "服务对象满意度",
                    KpiDirection.QUALITATIVE,
                    null,
                    "基本满意",
                    null,
                    new BigDecimal("2"),
                    JAN);
            fixture.given(opened())
                    .when(command)
                    .expectEvents(new PerformanceTargetSet(
                            DEPT,
                            YEAR,
                            "B1.4",
                            "B1",
                            "服务对象满意度",
                            KpiDirection.QUALITATIVE,
                            null,
                            "基本满意",
                            null,
                            new BigDecimal("2"),
                            JAN));
        }

        @Test
        void refusesANumericTargetForAQualitativeKpi() {
            fixture.given(opened())
                    .when(setTarget("B1.4", KpiDirection.QUALITATIVE, "1"))
                    .expectException(refused(422, "Target for a qualitative KPI", Map.of("field", "target")))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @CsvSource({"HIGHER_IS_BETTER,", "HIGHER_IS_BETTER,0", "LOWER_IS_BETTER,", "LOWER_IS_BETTER,-1"})
        void refusesAMeasuredKpiWithoutAPositiveTarget(KpiDirection direction, String target) {
            fixture.given(opened())
                    .when(setTarget("B5.4", direction, target))
                    .expectException(refused(422, "Invalid KPI target"))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondDeclarationOfTheSameKpi() {
            fixture.given(opened(), targetSet("B5.4", KpiDirection.HIGHER_IS_BETTER, "100"))
                    .when(setTarget("B5.4", KpiDirection.LOWER_IS_BETTER, "5"))
                    .expectException(refused(409, "KPI already set", Map.of("kpi", "B5.4")))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"B0", "B7", "A1", "b1", "B12", "O1"})
        void refusesATaskOutsideB1ToB6(String task) {
            fixture.given(opened())
                    .when(new SetPerformanceTarget(
                            DEPT,
                            YEAR,
                            "X.1",
                            task,
                            "n",
                            KpiDirection.HIGHER_IS_BETTER,
                            BigDecimal.TEN,
                            null,
                            "次",
                            new BigDecimal("2"),
                            JAN))
                    .expectException(refused(
                            422,
                            "Invalid work task",
                            Map.of("field", "task", "allowed", List.of("B1", "B2", "B3", "B4", "B5", "B6"))))
                    .expectNoEvents();
        }

        /** Under the MOF framework KPIs are declared under its output and outcome categories. */
        @Test
        void anotherRubricHasOtherTasks() {
            SetPerformanceTarget underO1 = new SetPerformanceTarget(
                    DEPT,
                    YEAR,
                    "K1",
                    "O1",
                    "家庭医生签约人数",
                    KpiDirection.HIGHER_IS_BETTER,
                    new BigDecimal("50000"),
                    null,
                    "人",
                    new BigDecimal("6"),
                    JAN);
            fixture.given(openedUnderMof())
                    .when(underO1)
                    .expectEvents(new PerformanceTargetSet(
                            DEPT,
                            YEAR,
                            "K1",
                            "O1",
                            "家庭医生签约人数",
                            KpiDirection.HIGHER_IS_BETTER,
                            new BigDecimal("50000"),
                            null,
                            "人",
                            new BigDecimal("6"),
                            JAN));
            fixture.given(openedUnderMof())
                    .when(setTarget("B5.4", KpiDirection.HIGHER_IS_BETTER, "100"))
                    .expectException(refused(
                            422,
                            "Invalid work task",
                            Map.of("field", "task", "allowed", List.of("E1", "E2", "O1", "O2", "O3", "O4"))))
                    .expectNoEvents();
        }

        @Test
        void refusesAKpiWorthNoPoints() {
            fixture.given(opened())
                    .when(new SetPerformanceTarget(
                            DEPT,
                            YEAR,
                            "B5.4",
                            "B5",
                            "n",
                            KpiDirection.HIGHER_IS_BETTER,
                            BigDecimal.TEN,
                            null,
                            "次",
                            BigDecimal.ZERO,
                            JAN))
                    .expectException(refused(422, "Invalid KPI points"))
                    .expectNoEvents();
        }

        @Test
        void adjustsADeclaredKpi() {
            fixture.given(opened(), targetSet("B5.4", KpiDirection.HIGHER_IS_BETTER, "100"))
                    .when(new AdjustPerformanceTarget(DEPT, YEAR, "B5.4", new BigDecimal("90"), null, "年中调整", ON))
                    .expectEvents(
                            new PerformanceTargetAdjusted(DEPT, YEAR, "B5.4", new BigDecimal("90"), null, "年中调整", ON));
        }

        @Test
        void adjustsAQualitativeKpiByItsDescription() {
            fixture.given(opened(), targetSet("B1.4", KpiDirection.QUALITATIVE, null))
                    .when(new AdjustPerformanceTarget(DEPT, YEAR, "B1.4", null, "满意", "年中调整", ON))
                    .expectEvents(new PerformanceTargetAdjusted(DEPT, YEAR, "B1.4", null, "满意", "年中调整", ON));
        }

        @Test
        void refusesAQualitativeAdjustmentWithoutDescription() {
            fixture.given(opened(), targetSet("B1.4", KpiDirection.QUALITATIVE, null))
                    .when(new AdjustPerformanceTarget(DEPT, YEAR, "B1.4", null, " ", "年中调整", ON))
                    .expectException(refused(422, "Missing target description"))
                    .expectNoEvents();
        }

        @Test
        void refusesANonPositiveAdjustedTarget() {
            fixture.given(opened(), targetSet("B5.4", KpiDirection.HIGHER_IS_BETTER, "100"))
                    .when(new AdjustPerformanceTarget(DEPT, YEAR, "B5.4", new BigDecimal("-1"), null, "年中调整", ON))
                    .expectException(refused(422, "Invalid KPI target"))
                    .expectNoEvents();
        }

        @Test
        void refusesToAdjustAnUnknownKpi() {
            fixture.given(opened())
                    .when(new AdjustPerformanceTarget(DEPT, YEAR, "B5.4", new BigDecimal("90"), null, "年中调整", ON))
                    .expectException(refused(404, "KPI not found", Map.of("kpi", "B5.4")))
                    .expectNoEvents();
        }
    }

    @Nested
    class PerformanceProgress {

        @Test
        void reportsAMeasuredActual() {
            fixture.given(opened(), targetSet("B5.4", KpiDirection.HIGHER_IS_BETTER, "100"))
                    .when(new ReportPerformanceProgress(DEPT, YEAR, "B5.4", new BigDecimal("0"), null, ON))
                    .expectEvents(new PerformanceProgressReported(DEPT, YEAR, "B5.4", new BigDecimal("0"), null, ON));
        }

        @Test
        void reportsWhetherAQualitativeKpiIsMet() {
            fixture.given(opened(), targetSet("B1.4", KpiDirection.QUALITATIVE, null))
                    .when(new ReportPerformanceProgress(DEPT, YEAR, "B1.4", null, false, ON))
                    .expectEvents(new PerformanceProgressReported(DEPT, YEAR, "B1.4", null, false, ON));
        }

        @Test
        void refusesAProgressOfAnUnknownKpi() {
            fixture.given(opened())
                    .when(new ReportPerformanceProgress(DEPT, YEAR, "B5.4", BigDecimal.ONE, null, ON))
                    .expectException(refused(404, "KPI not found"))
                    .expectNoEvents();
        }

        @Test
        void aQualitativeKpiNeedsMet() {
            fixture.given(opened(), targetSet("B1.4", KpiDirection.QUALITATIVE, null))
                    .when(new ReportPerformanceProgress(DEPT, YEAR, "B1.4", BigDecimal.ONE, null, ON))
                    .expectException(refused(422, "Invalid progress report", Map.of("field", "met")))
                    .expectNoEvents();
        }

        @Test
        void aMeasuredKpiNeedsAnActual() {
            fixture.given(opened(), targetSet("B5.4", KpiDirection.LOWER_IS_BETTER, "5"))
                    .when(new ReportPerformanceProgress(DEPT, YEAR, "B5.4", null, true, ON))
                    .expectException(refused(422, "Invalid progress report", Map.of("field", "actual")))
                    .expectNoEvents();
        }

        @Test
        void aMeasuredActualIsNeverNegative() {
            fixture.given(opened(), targetSet("B5.4", KpiDirection.HIGHER_IS_BETTER, "100"))
                    .when(new ReportPerformanceProgress(DEPT, YEAR, "B5.4", new BigDecimal("-0.1"), null, ON))
                    .expectException(refused(422, "Invalid progress report"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Assessments {

        @ParameterizedTest
        @ValueSource(strings = {"A6.5", "A1.2", "A4.1"})
        void recordsADeductionFromAQualitativeIndicator(String indicator) {
            fixture.given(opened())
                    .when(new RecordQualitativeAssessment(
                            DEPT, YEAR, indicator, new BigDecimal("1.00"), "自评报告逾期提交", "区财政局", ON))
                    .expectEvents(new QualitativeAssessmentRecorded(
                            DEPT, YEAR, indicator, new BigDecimal("1.00"), "自评报告逾期提交", "区财政局", ON));
        }

        @Test
        void aDeductionOfNothingIsAFindingToo() {
            fixture.given(opened())
                    .when(new RecordQualitativeAssessment(DEPT, YEAR, "A3.1", BigDecimal.ZERO, "无问题", "区财政局", ON))
                    .expectSuccessfulHandlerExecution();
        }

        @ParameterizedTest
        @ValueSource(strings = {"B1.2", "A", "A1.", "A1.2.3", "a1.2", " A1.2", "A1", "A1.1", "A6.4", "B7", "D1.1"})
        void refusesAnIndicatorThatIsNoQualitativeCodeOfTheRubric(String indicator) {
            fixture.given(opened())
                    .when(new RecordQualitativeAssessment(DEPT, YEAR, indicator, BigDecimal.ONE, "r", "e", ON))
                    .expectException(refused(
                            422,
                            "Invalid indicator",
                            Map.of(
                                    "field",
                                    "indicator",
                                    "allowed",
                                    List.of(
                                            "A1.2", "A1.3", "A1.7", "A3.1", "A3.2", "A4.1", "A4.2", "A6.1", "A6.2",
                                            "A6.3", "A6.5", "A6.6"))))
                    .expectNoEvents();
        }

        @Test
        void refusesADeductionAboveTheIndicatorsPoints() {
            fixture.given(opened())
                    .when(new RecordQualitativeAssessment(DEPT, YEAR, "A4.1", new BigDecimal("1.5"), "r", "e", ON))
                    .expectException(
                            refused(422, "Deduction above the indicator's points", Map.of("field", "deduction")))
                    .expectNoEvents();
        }

        @Test
        void anotherRubricHasOtherCodes() {
            fixture.given(openedUnderMof())
                    .when(new RecordQualitativeAssessment(DEPT, YEAR, "D1.2", BigDecimal.ONE, "指标未量化", "区财政局", ON))
                    .expectEvents(
                            new QualitativeAssessmentRecorded(DEPT, YEAR, "D1.2", BigDecimal.ONE, "指标未量化", "区财政局", ON));
            fixture.given(openedUnderMof())
                    .when(new RecordQualitativeAssessment(DEPT, YEAR, "A6.5", BigDecimal.ONE, "逾期", "区财政局", ON))
                    .expectException(refused(
                            422,
                            "Invalid indicator",
                            Map.of("allowed", List.of("D1.1", "D1.2", "D2.1", "D2.2", "P1.4", "P2.1", "P2.2"))))
                    .expectNoEvents();
        }

        @Test
        void refusesANegativeDeduction() {
            fixture.given(opened())
                    .when(new RecordQualitativeAssessment(DEPT, YEAR, "A6.5", new BigDecimal("-0.5"), "r", "e", ON))
                    .expectException(refused(422, "Invalid deduction"))
                    .expectNoEvents();
        }

        @Test
        void refusesADeductionWithoutReason() {
            fixture.given(opened())
                    .when(new RecordQualitativeAssessment(DEPT, YEAR, "A6.5", BigDecimal.ONE, " ", "区财政局", ON))
                    .expectException(refused(422, "Missing reason"))
                    .expectNoEvents();
        }

        @Test
        void refusesADeductionWithoutEvaluator() {
            fixture.given(opened())
                    .when(new RecordQualitativeAssessment(DEPT, YEAR, "A6.5", BigDecimal.ONE, "逾期", null, ON))
                    .expectException(refused(422, "Missing evaluator"))
                    .expectNoEvents();
        }
    }

    @Nested
    class BonusPenalty {

        @ParameterizedTest
        @ValueSource(strings = {"5", "-5", "0.5", "-2.25"})
        void recordsPointsWithinFive(String points) {
            fixture.given(opened())
                    .when(new RecordBonusPenalty(DEPT, YEAR, new BigDecimal(points), "市级表彰", ON))
                    .expectEvents(new BonusPenaltyRecorded(DEPT, YEAR, new BigDecimal(points), "市级表彰", ON));
        }

        @ParameterizedTest
        @ValueSource(strings = {"5.01", "-5.01", "0", "0.00"})
        void refusesPointsBeyondFiveOrNone(String points) {
            fixture.given(opened())
                    .when(new RecordBonusPenalty(DEPT, YEAR, new BigDecimal(points), "r", ON))
                    .expectException(refused(422, "Invalid bonus/penalty points"))
                    .expectNoEvents();
        }

        @Test
        void refusedWhenTheRubricHasNoBonusOrPenalty() {
            fixture.given(openedUnderMof())
                    .when(new RecordBonusPenalty(DEPT, YEAR, BigDecimal.ONE, "市级表彰", ON))
                    .expectException(refused(422, "No bonus/penalty in this rubric", Map.of("field", "points")))
                    .expectNoEvents();
        }

        /** The running sum is the rubric's to clamp (B7 −5…+5): every commendation is a fact worth keeping. */
        @Test
        void theRunningSumIsNotCappedWhenRecording() {
            fixture.given(opened(), new BonusPenaltyRecorded(DEPT, YEAR, new BigDecimal("5"), "省级表彰", ON))
                    .when(new RecordBonusPenalty(DEPT, YEAR, new BigDecimal("3"), "市级表彰", ON))
                    .expectEvents(new BonusPenaltyRecorded(DEPT, YEAR, new BigDecimal("3"), "市级表彰", ON));
        }
    }
}
