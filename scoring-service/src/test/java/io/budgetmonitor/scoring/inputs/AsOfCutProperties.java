package io.budgetmonitor.scoring.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.events.BudgetAdjusted;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.events.ProcurementPlanApproved;
import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.scoring.ScoringApplication;
import io.budgetmonitor.scoring.it.EventFactory;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 截至某日 is a real cut (issue 14, part 4): for any business date D of the year, {@link InputsAsOf#cut} of
 * the whole year equals the inputs of a year built from only the events dated on or before D. So the
 * monitoring report and the projected score as of D, which read nothing else, are unchanged by any later
 * event. Small generated years (two lines, a few payments, reversals, supplements, one KPI with reports,
 * a procurement plan), recorded in a log order that backdates freely, on the service's real PostgreSQL
 * schema (Flyway) and its batch projector; few tries, so it stays fast.
 */
class AsOfCutProperties {

    private static ConfigurableApplicationContext context;
    private static final AtomicInteger YEARS = new AtomicInteger();

    @BeforeContainer
    static void start() {
        List<String> arguments = new ArrayList<>();
        // as command-line arguments: they take precedence over application.yml, as @DynamicPropertySource does
        TestInfrastructure.registerSpringProperties((k, v) -> arguments.add("--" + k + "=" + v.get()), "scoringasof");
        arguments.add("--scoring.listener.auto-startup=false");
        context = new SpringApplicationBuilder(ScoringApplication.class)
                .web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
    }

    @AfterContainer
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    /** One payment: which line, how many days after the line's allocation, how much, reversed how much later. */
    record Payment(int line, int afterAllocation, int amount, boolean procurement, int reversedAfter) {}

    /** One KPI report: days after the target was set, the value. */
    record Report(int afterTarget, int actual) {}

    record Year(
            int allocation1,
            int allocation2,
            List<Payment> payments,
            List<Payment> supplements,
            int targetDay,
            List<Report> reports,
            int procurementPlanDay) {}

    @Property(tries = 12, shrinking = ShrinkingMode.OFF)
    void aCutAtAnyDateEqualsTheYearOfOnlyTheEventsDatedUpToIt(
            @ForAll("years") Year year, @ForAll @IntRange(min = 1, max = 365) int cutDay) {
        int n = YEARS.incrementAndGet();
        LocalDate cut = day(cutDay);
        String whole = "CUT-A" + n;
        String earlier = "CUT-B" + n;
        List<BudgetEvent> all = events(whole, year);
        List<BudgetEvent> upToCut = events(earlier, year).stream()
                .filter(e -> !e.occurredOn().isAfter(cut))
                .toList();

        IndicatorInputs wholeYear = apply(whole, all);
        IndicatorInputs onlyEarlier = apply(earlier, upToCut);
        InputsAsOf asOf = context.getBean(InputsAsOf.class);

        // the property says something only when later events exist: most tries must have some
        Statistics.label("events after the cut").collect(upToCut.size() < all.size());
        Statistics.label("events after the cut")
                .coverage(coverage -> coverage.check(true).count(times -> times >= 3));
        assertThat(asOf.complete(wholeYear)).isTrue();
        assertThat(normalized(asOf.cut(wholeYear, cut), earlier)).isEqualTo(normalized(onlyEarlier, earlier));
    }

    @Provide
    Arbitrary<Year> years() {
        Arbitrary<Payment> payments = Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 200),
                        Arbitraries.integers().between(1, 5_000),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(-1, 60))
                .as(Payment::new);
        Arbitrary<Report> reports = Combinators.combine(
                        Arbitraries.integers().between(0, 200),
                        Arbitraries.integers().between(0, 120))
                .as(Report::new);
        return Combinators.combine(
                        Arbitraries.integers().between(1, 90),
                        Arbitraries.integers().between(1, 90),
                        payments.list().ofMaxSize(6),
                        payments.list().ofMaxSize(2),
                        Arbitraries.integers().between(1, 150),
                        reports.list().ofMaxSize(3),
                        Arbitraries.integers().between(1, 300))
                .as(Year::new);
    }

    /**
     * The year in log order: openings and allocations, then payments and supplements in generated (not date)
     * order, reversals, the KPI target and its reports — a reversal never before its payment, a report never
     * before its target, a payment never before its line, in dates as in the log.
     */
    private static List<BudgetEvent> events(String d, Year y) {
        List<BudgetEvent> events = new ArrayList<>();
        events.add(new FiscalYearOpened(d, 2021, "生成单位", "baiyun-2022", List.of(), day(1)));
        int[] allocated = {y.allocation1(), y.allocation2()};
        events.add(line(d, "L1", FundSource.GENERAL_PUBLIC_BUDGET, ExpenditureType.PROJECT, day(allocated[0])));
        events.add(line(d, "L2", FundSource.GOVERNMENT_FUND, ExpenditureType.PUBLIC_EXPENSE, day(allocated[1])));
        events.add(new ProcurementPlanApproved(d, 2021, Money.of("8000.00"), day(y.procurementPlanDay())));
        List<BudgetEvent> reversals = new ArrayList<>();
        for (int i = 0; i < y.payments().size(); i++) {
            Payment p = y.payments().get(i);
            String line = "L" + (p.line() + 1);
            int paidOn = allocated[p.line()] + p.afterAllocation();
            String voucher = "V" + i;
            events.add(new DisbursementRecorded(
                    d, 2021, line, voucher, Money.of(p.amount() + ".00"), "收款人", "用途", p.procurement(), day(paidOn)));
            if (p.reversedAfter() >= 0) {
                reversals.add(new DisbursementReversed(
                        d, 2021, line, voucher, Money.of(p.amount() + ".00"), "冲销", day(paidOn + p.reversedAfter())));
            }
        }
        for (Payment s : y.supplements()) {
            events.add(new BudgetAdjusted(
                    d,
                    2021,
                    "L" + (s.line() + 1),
                    AdjustmentKind.SUPPLEMENT,
                    Money.of(s.amount() + ".00"),
                    "追加",
                    day(allocated[s.line()] + s.afterAllocation())));
        }
        events.addAll(reversals);
        events.add(new PerformanceTargetSet(
                d,
                2021,
                "B1.1",
                "B1",
                "培训人次",
                KpiDirection.HIGHER_IS_BETTER,
                new BigDecimal("100"),
                "≥100人次",
                "人次",
                new BigDecimal("5"),
                day(y.targetDay())));
        for (Report r : y.reports()) {
            events.add(new PerformanceProgressReported(
                    d, 2021, "B1.1", BigDecimal.valueOf(r.actual()), null, day(y.targetDay() + r.afterTarget())));
        }
        return events;
    }

    private static BudgetAllocated line(String d, String code, FundSource source, ExpenditureType type, LocalDate on) {
        return new BudgetAllocated(
                d, 2021, code, "项目" + code, source, type, ThreePublicCategory.NONE, false, Money.of("100000.00"), on);
    }

    /** Day {@code n} of 2021, kept inside the year. */
    private static LocalDate day(int n) {
        return LocalDate.ofYearDay(2021, Math.max(1, Math.min(365, n)));
    }

    private IndicatorInputs apply(String department, List<BudgetEvent> events) {
        EventFactory factory = new EventFactory(1);
        List<RecordedEvent> recorded = events.stream().map(factory::record).toList();
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        transaction.executeWithoutResult(
                status -> context.getBean(BatchProjector.class).apply(recorded));
        return context.getBean(InputsRepository.class)
                .load(department, 2021, factory.lastPosition())
                .orElseThrow();
    }

    /** The same inputs under another department code and without the log position (the two logs differ). */
    private static IndicatorInputs normalized(IndicatorInputs i, String department) {
        return new IndicatorInputs(
                department,
                i.fiscalYear(),
                i.departmentName(),
                i.rubric(),
                i.quarterTargets(),
                i.lines(),
                i.generalQuarterNet(),
                i.procurementActual(),
                i.procurementPlan(),
                i.assetsInUse(),
                i.assetsTotal(),
                i.kpis(),
                i.deductions(),
                i.bonusPenalties(),
                i.closed(),
                0);
    }
}
