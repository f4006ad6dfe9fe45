package io.budgetmonitor.query.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budgetmonitor.api.events.BudgetAdjusted;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementRejected;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetAdjusted;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.events.QuarterClosed;
import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.values.TimeProgressCurve;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.alerts.AlertLifecycle;
import io.budgetmonitor.query.alerts.TransitionKind;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ExecutionCalculator;
import io.budgetmonitor.query.execution.LineFigures;
import io.budgetmonitor.query.execution.TimeProgress;
import io.budgetmonitor.query.execution.TimeProgressConfiguration;
import io.budgetmonitor.query.rules.Condition;
import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule of MONITORING.md tripped, then cleared, by a small event scenario (no infrastructure). */
class RuleEngineTest {
    private static final String D = "R";
    /** 年中绩效运行监控: progress due by 15 July. */
    private static final MonthDay MID_YEAR = MonthDay.of(7, 15);

    private final ScenarioEvents scenario = new ScenarioEvents(0, Instant.parse("2021-01-01T00:00:00Z"));
    private final List<RecordedEvent> events = new ArrayList<>();

    private void given(BudgetEvent... facts) {
        for (BudgetEvent f : facts) {
            events.add(scenario.record(f));
        }
    }

    private List<Condition> evaluate(String date) {
        return evaluate(date, List.of(), null);
    }

    private List<Condition> evaluate(String date, List<LatePosting> late, BigDecimal peak) {
        return evaluate(date, TimeProgress.STRAIGHT_LINE, late, peak);
    }

    private List<Condition> evaluate(String date, TimeProgress curve, List<LatePosting> late, BigDecimal peak) {
        DepartmentYearState state = DepartmentYearState.fold(new FiscalYearId(D, 2021), events);
        return RuleEngine.evaluate(state, LocalDate.parse(date), curve, Thresholds.defaults(), late, peak, MID_YEAR);
    }

    private static List<Condition> only(List<Condition> all, Rule rule) {
        return all.stream().filter(c -> c.rule() == rule).toList();
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private static BudgetAllocated line(
            String code, String amount, FundSource fs, ExpenditureType type, ThreePublicCategory tp) {
        return new BudgetAllocated(D, 2021, code, code, fs, type, tp, true, Money.of(amount), d("2021-01-01"));
    }

    private static BudgetAllocated project(String code, String amount) {
        return line(code, amount, FundSource.GENERAL_PUBLIC_BUDGET, ExpenditureType.PROJECT, ThreePublicCategory.NONE);
    }

    private static DisbursementRecorded pay(String line, String voucher, String amount, String on) {
        return new DisbursementRecorded(D, 2021, line, voucher, Money.of(amount), "p", "x", false, d(on));
    }

    private static BudgetAdjusted supplement(String line, String amount) {
        return new BudgetAdjusted(D, 2021, line, AdjustmentKind.SUPPLEMENT, Money.of(amount), "more", d("2021-06-01"));
    }

    private void opened() {
        given(new FiscalYearOpened(D, 2021, "r", "baiyun-2022", List.of(), d("2021-01-01")));
    }

    @Test
    void executionBehindScheduleForDepartmentFundSourceAndLine() {
        opened();
        given(project("L1", "1000.00"), pay("L1", "V1", "250.00", "2021-02-01"));
        List<Condition> behind = only(evaluate("2021-06-30"), Rule.EXECUTION_BEHIND_SCHEDULE);
        assertThat(behind)
                .extracting(Condition::subject)
                .containsExactlyInAnyOrder("department", "fund-source:GENERAL_PUBLIC_BUDGET", "line:L1");
        assertThat(behind).allMatch(c -> c.severity() == Severity.CRITICAL);
        assertThat(behind.get(0).message())
                .isEqualTo("cumulative execution 25.0% on 2021-06-30, time progress 50.0%, 25.0 points behind");
        assertThat(only(evaluate("2021-05-15"), Rule.EXECUTION_BEHIND_SCHEDULE))
                .allMatch(c -> c.severity() == Severity.WARNING);
        given(pay("L1", "V2", "300.00", "2021-06-20"));
        assertThat(only(evaluate("2021-06-30"), Rule.EXECUTION_BEHIND_SCHEDULE)).isEmpty();
    }

    /**
     * 序时进度 is the locality's curve ({@code budget.monitoring.time-progress}): with front-loaded quarter
     * targets of 35/60/80/100% a line 42% spent on 30 June is 18 points behind (a warning), while on the
     * straight line (50%) it is 8 points behind, under the 10-point threshold.
     */
    @Test
    void aQuarterTargetCurveMovesTheLinesTimeProgressAndRaisesTheAlert() {
        TimeProgress frontLoaded = new TimeProgressConfiguration().timeProgress("quarter-targets:0.35,0.60,0.80,1");
        opened();
        given(project("L1", "1000.00"), pay("L1", "V1", "420.00", "2021-05-20"));
        DepartmentYearState state = DepartmentYearState.fold(new FiscalYearId(D, 2021), events);
        LineFigures l1 = state.lines().iterator().next();

        assertThat(ExecutionCalculator.line(state, l1, d("2021-06-30"), TimeProgress.STRAIGHT_LINE)
                        .timeProgress())
                .isEqualTo("0.5000");
        assertThat(ExecutionCalculator.line(state, l1, d("2021-06-30"), frontLoaded)
                        .timeProgress())
                .isEqualTo("0.6000");
        // mid-quarter: 4.5 months is half-way from 35% (31 March) to 60% (30 June)
        assertThat(ExecutionCalculator.line(state, l1, d("2021-05-15"), frontLoaded)
                        .timeProgress())
                .isEqualTo("0.4750");
        assertThat(ExecutionCalculator.report(state, d("2021-06-30"), frontLoaded, null)
                        .timeProgress())
                .isEqualTo("0.6000");

        assertThat(only(evaluate("2021-06-30"), Rule.EXECUTION_BEHIND_SCHEDULE)).isEmpty();
        List<Condition> behind =
                only(evaluate("2021-06-30", frontLoaded, List.of(), null), Rule.EXECUTION_BEHIND_SCHEDULE);
        assertThat(behind)
                .extracting(Condition::subject)
                .containsExactlyInAnyOrder("department", "fund-source:GENERAL_PUBLIC_BUDGET", "line:L1");
        assertThat(behind).allMatch(c -> c.severity() == Severity.WARNING);
        assertThat(behind)
                .filteredOn(c -> c.subject().equals("line:L1"))
                .singleElement()
                .extracting(Condition::message)
                .isEqualTo("cumulative execution 42.0% on 2021-06-30, time progress 60.0%, 18.0 points behind");
    }

    @Test
    void aMalformedCurveStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> new TimeProgressConfiguration().timeProgress("quarter-targets:0.35,0.60,1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("budget.monitoring.time-progress")
                .hasMessageContaining("QUARTER_TARGETS needs 4 cumulative targets, had 3");
        assertThat(new TimeProgressConfiguration().timeProgress("straight-line").curve())
                .isEqualTo(TimeProgressCurve.STRAIGHT_LINE);
    }

    @Test
    void quarterTargetMissedAndReconciliationMismatch() {
        opened();
        given(
                project("L1", "1000.00"),
                pay("L1", "V1", "200.00", "2021-03-10"),
                new QuarterClosed(
                        D, 2021, 1, Map.of(FundSource.GENERAL_PUBLIC_BUDGET, Money.of("200.00")), d("2021-03-31")));
        List<Condition> c = evaluate("2021-04-10");
        assertThat(only(c, Rule.QUARTER_TARGET_MISSED))
                .singleElement()
                .satisfies(q ->
                        assertThat(q.message()).contains("Q1").contains("20.0%").contains("25.0%"));
        assertThat(only(c, Rule.RECONCILIATION_MISMATCH)).isEmpty();
        // a backdated payment lifts Q1 over its target but no longer matches the department's report
        given(pay("L1", "V2", "100.00", "2021-03-20"));
        c = evaluate("2021-04-10");
        assertThat(only(c, Rule.QUARTER_TARGET_MISSED)).isEmpty();
        assertThat(only(c, Rule.RECONCILIATION_MISMATCH))
                .singleElement()
                .satisfies(m -> assertThat(m.message()).contains("reported 200.00, ledger 300.00"));
        given(new QuarterClosed(
                D, 2021, 1, Map.of(FundSource.GENERAL_PUBLIC_BUDGET, Money.of("300.00")), d("2021-04-05")));
        assertThat(only(evaluate("2021-04-10"), Rule.RECONCILIATION_MISMATCH)).isEmpty();
    }

    @Test
    void overspendAttemptUntilTheLineIsToppedUp() {
        opened();
        given(
                project("L1", "1000.00"),
                pay("L1", "V1", "300.00", "2021-02-01"),
                new DisbursementRejected(
                        D,
                        2021,
                        "L1",
                        "V2",
                        Money.of("900.00"),
                        Money.of("700.00"),
                        "p",
                        "x",
                        false,
                        "exceeds available",
                        d("2021-03-01")));
        assertThat(only(evaluate("2021-03-02"), Rule.OVERSPEND_ATTEMPT))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(o.message()).contains("900.00").contains("available then 700.00");
                    assertThat(o.evidence()).hasSize(1);
                });
        given(supplement("L1", "500.00"));
        assertThat(only(evaluate("2021-03-02"), Rule.OVERSPEND_ATTEMPT)).isEmpty();
    }

    @Test
    void lineNearlyExhausted() {
        opened();
        given(project("L1", "1000.00"), pay("L1", "V1", "950.00", "2021-02-01"));
        assertThat(only(evaluate("2021-03-01"), Rule.LINE_NEARLY_EXHAUSTED))
                .singleElement()
                .satisfies(l -> assertThat(l.severity()).isEqualTo(Severity.INFO));
        given(supplement("L1", "200.00"));
        assertThat(only(evaluate("2021-03-01"), Rule.LINE_NEARLY_EXHAUSTED)).isEmpty();
    }

    @Test
    void aLineUsedUpNoFasterThanTimeProgressIsSpentAsPlannedNotNearlyExhausted() {
        opened();
        given(project("L1", "1000.00"), pay("L1", "V1", "950.00", "2021-02-01"));
        assertThat(only(evaluate("2021-11-01"), Rule.LINE_NEARLY_EXHAUSTED))
                .as("95% used on 1 November, more than 5 points ahead of time progress")
                .singleElement();
        assertThat(only(evaluate("2021-12-20"), Rule.LINE_NEARLY_EXHAUSTED))
                .as("95% used on 20 December, within 5 points of time progress")
                .isEmpty();
    }

    @Test
    void controlRateExceededOnCourseAndResolvedByBudget() {
        opened();
        given(
                line(
                        "P1",
                        "1000.00",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PUBLIC_EXPENSE,
                        ThreePublicCategory.NONE),
                line(
                        "T1",
                        "100.00",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PUBLIC_EXPENSE,
                        ThreePublicCategory.OFFICIAL_RECEPTION),
                pay("P1", "V1", "600.00", "2021-04-10"),
                pay("T1", "V2", "101.00", "2021-04-11"));
        List<Condition> c = only(evaluate("2021-04-30"), Rule.CONTROL_RATE_EXCEEDED);
        assertThat(c).extracting(Condition::subject).containsExactlyInAnyOrder("PUBLIC_EXPENSE", "THREE_PUBLIC");
        assertThat(c)
                .filteredOn(x -> x.subject().equals("THREE_PUBLIC"))
                .singleElement()
                .satisfies(x -> assertThat(x.message()).contains("101.0%"));
        given(supplement("P1", "2000.00"), supplement("T1", "300.00"));
        assertThat(only(evaluate("2021-04-30"), Rule.CONTROL_RATE_EXCEEDED)).isEmpty();
    }

    @Test
    void lowerIsBetterKpiAboveItsTargetIsBehind() {
        opened();
        given(
                new PerformanceTargetSet(
                        D,
                        2021,
                        "B1.2",
                        "B1",
                        "三公经费控制率",
                        KpiDirection.LOWER_IS_BETTER,
                        new BigDecimal("100"),
                        "≤100%",
                        "%",
                        new BigDecimal("2"),
                        d("2021-01-01")),
                new PerformanceProgressReported(D, 2021, "B1.2", new BigDecimal("104.5"), null, d("2021-03-31")));
        // early in the year too: a ceiling passed is passed, time progress does not excuse it
        assertThat(only(evaluate("2021-04-10"), Rule.KPI_AT_RISK))
                .singleElement()
                .satisfies(k -> {
                    assertThat(k.subject()).isEqualTo("kpi:B1.2");
                    assertThat(k.severity()).isEqualTo(Severity.WARNING);
                    assertThat(k.message())
                            .isEqualTo(
                                    "KPI B1.2 (三公经费控制率): actual 104.5 above its target 100 (lower is better) on 2021-04-10");
                });
        // at or below the ceiling it is on track, as the KPI endpoint says
        given(new PerformanceProgressReported(D, 2021, "B1.2", new BigDecimal("100"), null, d("2021-04-20")));
        assertThat(only(evaluate("2021-04-30"), Rule.KPI_AT_RISK)).isEmpty();
    }

    @Test
    void kpiWithoutProgressAfterTheDueDayIsNotReportedUntilAReportArrives() {
        opened();
        given(new PerformanceTargetSet(
                D,
                2021,
                "B6.1",
                "B6",
                "党员干部学习培训次数",
                KpiDirection.HIGHER_IS_BETTER,
                new BigDecimal("30"),
                "≥30次",
                "次",
                new BigDecimal("2"),
                d("2021-01-01")));
        assertThat(only(evaluate("2021-07-15"), Rule.KPI_NOT_REPORTED))
                .as("on the due day itself it is in time")
                .isEmpty();
        List<Condition> flagged = only(evaluate("2021-07-16"), Rule.KPI_NOT_REPORTED);
        assertThat(flagged).singleElement().satisfies(k -> {
            assertThat(k.subject()).isEqualTo("kpi:B6.1");
            assertThat(k.severity()).isEqualTo(Severity.WARNING);
            assertThat(k.message())
                    .isEqualTo("KPI B6.1 (党员干部学习培训次数) has no progress reported by 2021-07-15 "
                            + "(绩效运行监控 due); checked on 2021-07-16");
        });
        // a KPI set after the due day could not have been reported by it
        given(new PerformanceTargetSet(
                D,
                2021,
                "B6.5",
                "B6",
                "新增指标",
                KpiDirection.QUALITATIVE,
                null,
                "完成",
                "定性",
                new BigDecimal("2"),
                d("2021-08-01")));
        assertThat(only(evaluate("2021-08-10"), Rule.KPI_NOT_REPORTED))
                .extracting(Condition::subject)
                .containsExactly("kpi:B6.1");
        // the report arrives late: the condition clears, and the lifecycle resolves the alert
        assertThat(AlertLifecycle.next(null, flagged.get(0)))
                .get()
                .extracting(AlertLifecycle.Step::kind)
                .isEqualTo(TransitionKind.OPENED);
        given(new PerformanceProgressReported(D, 2021, "B6.1", new BigDecimal("20"), null, d("2021-08-20")));
        assertThat(only(evaluate("2021-08-25"), Rule.KPI_NOT_REPORTED)).isEmpty();
        var open = new io.budgetmonitor.query.alerts.Alert(
                1,
                Rule.KPI_NOT_REPORTED,
                "kpi:B6.1",
                D,
                2021,
                Severity.WARNING,
                io.budgetmonitor.query.alerts.AlertStatus.OPEN,
                flagged.get(0).message(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(AlertLifecycle.next(open, null))
                .get()
                .extracting(AlertLifecycle.Step::kind)
                .isEqualTo(TransitionKind.RESOLVED);
    }

    @Test
    void kpiAtRiskAndTargetTooLoose() {
        opened();
        given(
                new PerformanceTargetSet(
                        D,
                        2021,
                        "B3.1",
                        "B3",
                        "活动次数",
                        KpiDirection.HIGHER_IS_BETTER,
                        new BigDecimal("100"),
                        "≥100",
                        "次",
                        new BigDecimal("2"),
                        d("2021-01-01")),
                new PerformanceProgressReported(D, 2021, "B3.1", new BigDecimal("5"), null, d("2021-03-31")),
                new PerformanceProgressReported(D, 2021, "B3.1", new BigDecimal("10"), null, d("2021-06-15")));
        assertThat(only(evaluate("2021-06-30"), Rule.KPI_AT_RISK))
                .singleElement()
                .satisfies(k -> assertThat(k.message()).contains("40.0 points behind"));
        given(new PerformanceProgressReported(D, 2021, "B3.1", new BigDecimal("60"), null, d("2021-06-20")));
        assertThat(only(evaluate("2021-06-30"), Rule.KPI_AT_RISK)).isEmpty();
        // a whole quarter without a report
        assertThat(only(evaluate("2021-10-05"), Rule.KPI_AT_RISK))
                .singleElement()
                .satisfies(k -> assertThat(k.message()).contains("no progress report in Q3"));

        given(new PerformanceProgressReported(D, 2021, "B3.1", new BigDecimal("746.67"), null, d("2021-09-30")));
        assertThat(only(evaluate("2021-10-05"), Rule.KPI_TARGET_TOO_LOOSE))
                .singleElement()
                .satisfies(k -> assertThat(k.message()).contains("746.7%"));
        given(new PerformanceTargetAdjusted(D, 2021, "B3.1", new BigDecimal("500"), "≥500", "年中调整", d("2021-10-01")));
        assertThat(only(evaluate("2021-10-05"), Rule.KPI_TARGET_TOO_LOOSE)).isEmpty();
    }

    @Test
    void reclaimRiskInTheFourthQuarterOnly() {
        opened();
        given(project("L1", "1000.00"), pay("L1", "V1", "500.00", "2021-09-01"));
        assertThat(only(evaluate("2021-09-30"), Rule.RECLAIM_RISK)).isEmpty();
        assertThat(only(evaluate("2021-10-31"), Rule.RECLAIM_RISK))
                .singleElement()
                .satisfies(r -> assertThat(r.message()).contains("400.00 (40.0%)"));
        given(pay("L1", "V2", "350.00", "2021-10-20"));
        assertThat(only(evaluate("2021-10-31"), Rule.RECLAIM_RISK)).isEmpty();
    }

    @Test
    void latePostingWhileListedAndGoneOnceReclosed() {
        opened();
        given(project("L1", "1000.00"));
        LatePosting late = new LatePosting(1, "L1", "V9", Money.of("50.00"), d("2021-03-30"), "e-9");
        assertThat(only(evaluate("2021-04-10", List.of(late), null), Rule.LATE_POSTING))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.subject()).isEqualTo("quarter:Q1");
                    assertThat(l.evidence()).containsExactly("e-9");
                });
        assertThat(only(evaluate("2021-04-10", List.of(), null), Rule.LATE_POSTING))
                .isEmpty();
    }

    @Test
    void projectedScoreDropAgainstThePeak() {
        opened();
        given(
                project("L1", "1000.00"),
                pay("L1", "V1", "200.00", "2021-04-10"),
                new QuarterClosed(D, 2021, 1, Map.of(), d("2021-03-31")));
        BigDecimal projected = ScoreProjection.project(
                DepartmentYearState.fold(new FiscalYearId(D, 2021), events), new BigDecimal("0.5000"));
        assertThat(projected).isEqualByComparingTo("6.30");
        assertThat(only(evaluate("2021-06-30", List.of(), new BigDecimal("8.00")), Rule.PROJECTED_SCORE_DROP))
                .hasSize(1);
        given(pay("L1", "V2", "400.00", "2021-06-01"));
        assertThat(only(evaluate("2021-06-30", List.of(), new BigDecimal("8.00")), Rule.PROJECTED_SCORE_DROP))
                .isEmpty();
    }

    @Test
    void lifecycleNeverDuplicatesAndEscalates() {
        Condition warning =
                new Condition(Rule.EXECUTION_BEHIND_SCHEDULE, "department", Severity.WARNING, "m", List.of());
        Condition critical =
                new Condition(Rule.EXECUTION_BEHIND_SCHEDULE, "department", Severity.CRITICAL, "m2", List.of());
        assertThat(AlertLifecycle.next(null, warning))
                .get()
                .extracting(AlertLifecycle.Step::kind)
                .isEqualTo(TransitionKind.OPENED);
        var open = new io.budgetmonitor.query.alerts.Alert(
                1,
                Rule.EXECUTION_BEHIND_SCHEDULE,
                "department",
                D,
                2021,
                Severity.WARNING,
                io.budgetmonitor.query.alerts.AlertStatus.OPEN,
                "m",
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(AlertLifecycle.next(open, warning)).isEmpty();
        assertThat(AlertLifecycle.next(open, critical))
                .get()
                .extracting(AlertLifecycle.Step::kind)
                .isEqualTo(TransitionKind.ESCALATED);
        assertThat(AlertLifecycle.next(open, null))
                .get()
                .extracting(AlertLifecycle.Step::kind)
                .isEqualTo(TransitionKind.RESOLVED);
    }
}
