package io.budgetmonitor.query.dashboard;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.query.alerts.Alert;
import io.budgetmonitor.query.alerts.AlertFilter;
import io.budgetmonitor.query.alerts.AlertRepository;
import io.budgetmonitor.query.alerts.AlertStatus;
import io.budgetmonitor.query.evaluations.EvaluationStore;
import io.budgetmonitor.query.evaluations.LatestEvaluation;
import io.budgetmonitor.query.evaluations.LatestProjection;
import io.budgetmonitor.query.evaluations.ProjectionStore;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ExecutionCalculator;
import io.budgetmonitor.query.execution.ExecutionQueries;
import io.budgetmonitor.query.execution.ExecutionReport;
import io.budgetmonitor.query.execution.ExecutionReport.Breakdown;
import io.budgetmonitor.query.execution.Rates;
import io.budgetmonitor.query.execution.ReadModelStore;
import io.budgetmonitor.query.rules.Severity;
import io.budgetmonitor.security.Caller;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The district picture (全区): each department-year the caller may see, with its execution (the same
 * calculator as the execution endpoint), open alerts and latest evaluation, and their roll-up.
 * One state load per department-year: fine for a district's few dozen departments.
 */
@Service
public class DistrictQueries {
    /** Lower bounds of the 预算执行率 bands; the last band is open-ended. */
    static final List<BigDecimal> BANDS = List.of(
            new BigDecimal("0.00"),
            new BigDecimal("0.20"),
            new BigDecimal("0.40"),
            new BigDecimal("0.60"),
            new BigDecimal("0.80"),
            new BigDecimal("1.00"));

    private final ReadModelStore store;
    private final ExecutionQueries queries;
    private final AlertRepository alerts;
    private final EvaluationStore evaluations;
    private final ProjectionStore projections;

    public DistrictQueries(
            ReadModelStore store,
            ExecutionQueries queries,
            AlertRepository alerts,
            EvaluationStore evaluations,
            ProjectionStore projections) {
        this.store = store;
        this.queries = queries;
        this.alerts = alerts;
        this.evaluations = evaluations;
        this.projections = projections;
    }

    /** The caller's departments, each in {@code year} (those without it are left out), else in its latest year. */
    @Transactional(readOnly = true)
    public List<DepartmentOverview> departments(Caller caller, Integer year) {
        Map<String, List<Integer>> years = visibleYears(caller);
        Map<FiscalYearId, LatestEvaluation> latest = evaluations.latest();
        Map<FiscalYearId, LatestProjection> projected = projections.latest();
        Map<FiscalYearId, Map<Severity, Integer>> open = openAlerts(caller, year);
        List<DepartmentOverview> result = new ArrayList<>();
        years.forEach((department, its) -> {
            int shown = year != null ? year : its.get(its.size() - 1);
            if (!its.contains(shown)) {
                return;
            }
            FiscalYearId id = new FiscalYearId(department, shown);
            store.load(id)
                    .ifPresent(state -> result.add(overview(
                            state, its, open.getOrDefault(id, noAlerts()), latest.get(id), projected.get(id))));
        });
        return result;
    }

    @Transactional(readOnly = true)
    public YearSummary summary(Caller caller, int year, int behindLimit) {
        LocalDate asOf = queries.evaluationDate(null, year);
        String progress = Rates.text(queries.timeProgress().ratio(asOf, year));
        List<ExecutionReport> reports = new ArrayList<>();
        Map<String, String> names = new TreeMap<>();
        visibleYears(caller).forEach((department, its) -> {
            if (its.contains(year)) {
                store.load(new FiscalYearId(department, year)).ifPresent(state -> {
                    reports.add(ExecutionCalculator.report(state, asOf, queries.timeProgress(), null));
                    names.put(department, state.departmentName());
                });
            }
        });
        Money budget = reports.stream().map(ExecutionReport::budget).reduce(Money.ZERO, Money::plus);
        Money executed = reports.stream().map(ExecutionReport::executed).reduce(Money.ZERO, Money::plus);
        Money available = reports.stream().map(ExecutionReport::available).reduce(Money.ZERO, Money::plus);
        Map<Severity, Integer> openAlerts = noAlerts();
        openAlerts(caller, year)
                .values()
                .forEach(counts -> counts.forEach((s, n) -> openAlerts.merge(s, n, Integer::sum)));
        return new YearSummary(
                year,
                asOf,
                progress,
                reports.size(),
                budget,
                executed,
                available,
                Rates.text(Rates.ratio(executed, budget)),
                rollUp(reports, ExecutionReport::byFundSource, progress),
                rollUp(reports, ExecutionReport::byExpenditureType, progress),
                bands(reports),
                (int) reports.stream().filter(r -> r.executionRate() == null).count(),
                furthestBehind(reports, names, behindLimit),
                openAlerts);
    }

    private DepartmentOverview overview(
            DepartmentYearState state,
            List<Integer> years,
            Map<Severity, Integer> open,
            LatestEvaluation evaluation,
            LatestProjection projection) {
        int year = state.id().fiscalYear();
        ExecutionReport report =
                ExecutionCalculator.report(state, queries.evaluationDate(null, year), queries.timeProgress(), null);
        return new DepartmentOverview(
                state.id().department(),
                state.departmentName(),
                years,
                year,
                report.asOf(),
                report.budget(),
                report.executed(),
                report.available(),
                report.executionRate(),
                report.timeProgress(),
                gap(report),
                open,
                evaluation == null ? null : evaluation.id(),
                evaluation == null ? null : evaluation.total(),
                evaluation == null ? null : evaluation.grade(),
                evaluation == null ? null : evaluation.takenAt(),
                projection == null ? null : projection.total(),
                projection == null ? null : projection.grade(),
                projection == null ? null : projection.asOf());
    }

    /** Department → its fiscal years (ascending), for the departments the caller may see. */
    private Map<String, List<Integer>> visibleYears(Caller caller) {
        Map<String, List<Integer>> years = new TreeMap<>();
        for (FiscalYearId id : store.departmentYears()) {
            if (caller.sees(id.department())) {
                years.computeIfAbsent(id.department(), d -> new ArrayList<>()).add(id.fiscalYear());
            }
        }
        return years;
    }

    /** Unresolved alerts by department-year and severity, read through the caller's {@link AlertFilter}. */
    private Map<FiscalYearId, Map<Severity, Integer>> openAlerts(Caller caller, Integer year) {
        Map<FiscalYearId, Map<Severity, Integer>> counts = new LinkedHashMap<>();
        for (Alert alert : alerts.search(AlertFilter.seenBy(caller), null, year)) {
            if (alert.status() != AlertStatus.RESOLVED) {
                counts.computeIfAbsent(new FiscalYearId(alert.department(), alert.fiscalYear()), id -> noAlerts())
                        .merge(alert.severity(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Map<Severity, Integer> noAlerts() {
        Map<Severity, Integer> none = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            none.put(s, 0);
        }
        return none;
    }

    /** Sums the departments' slices key by key (fund source, expenditure type), in their enum order. */
    private static List<Breakdown> rollUp(
            List<ExecutionReport> reports,
            java.util.function.Function<ExecutionReport, List<Breakdown>> slices,
            String progress) {
        Map<String, Money[]> sums = new LinkedHashMap<>();
        reports.stream()
                .flatMap(r -> slices.apply(r).stream())
                .sorted(Comparator.comparing(Breakdown::key, DistrictQueries::enumOrder))
                .forEach(b -> {
                    Money[] sum = sums.computeIfAbsent(b.key(), k -> new Money[] {Money.ZERO, Money.ZERO, Money.ZERO});
                    sum[0] = sum[0].plus(b.budget());
                    sum[1] = sum[1].plus(b.executed());
                    sum[2] = sum[2].plus(b.available());
                });
        List<Breakdown> result = new ArrayList<>();
        sums.forEach((key, sum) -> result.add(
                new Breakdown(key, sum[0], sum[1], sum[2], Rates.text(Rates.ratio(sum[1], sum[0])), progress)));
        return result;
    }

    private static int enumOrder(String a, String b) {
        return Integer.compare(ordinal(a), ordinal(b)) != 0 ? Integer.compare(ordinal(a), ordinal(b)) : a.compareTo(b);
    }

    private static int ordinal(String key) {
        for (var values : List.of(
                io.budgetmonitor.api.values.FundSource.values(),
                io.budgetmonitor.api.values.ExpenditureType.values())) {
            for (Enum<?> value : values) {
                if (value.name().equals(key)) {
                    return value.ordinal();
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    private static List<YearSummary.RateBand> bands(List<ExecutionReport> reports) {
        List<YearSummary.RateBand> bands = new ArrayList<>();
        for (int i = 0; i < BANDS.size(); i++) {
            BigDecimal from = BANDS.get(i);
            BigDecimal to = i + 1 < BANDS.size() ? BANDS.get(i + 1) : null;
            boolean first = i == 0;
            List<String> in = reports.stream()
                    .filter(r -> r.executionRate() != null)
                    .filter(r -> inBand(new BigDecimal(r.executionRate()), from, to, first))
                    .map(ExecutionReport::department)
                    .toList();
            bands.add(new YearSummary.RateBand(
                    from.toPlainString(), to == null ? null : to.toPlainString(), in.size(), in));
        }
        return bands;
    }

    /** [from, to); the first band also takes a negative rate (reversals beyond spending), the last has no top. */
    private static boolean inBand(BigDecimal rate, BigDecimal from, BigDecimal to, boolean first) {
        return (first || rate.compareTo(from) >= 0) && (to == null || rate.compareTo(to) < 0);
    }

    private static List<YearSummary.Behind> furthestBehind(
            List<ExecutionReport> reports, Map<String, String> names, int limit) {
        return reports.stream()
                .filter(r -> gap(r) != null && new BigDecimal(gap(r)).signum() < 0)
                .sorted(Comparator.comparing((ExecutionReport r) -> new BigDecimal(gap(r)))
                        .thenComparing(ExecutionReport::department))
                .limit(limit)
                .map(r -> new YearSummary.Behind(
                        r.department(), names.get(r.department()), r.executionRate(), r.timeProgress(), gap(r)))
                .toList();
    }

    /** executionRate − timeProgress, both as shown (4 decimals), so the gap is what a reader can check. */
    static String gap(ExecutionReport report) {
        if (report.executionRate() == null) {
            return null;
        }
        return new BigDecimal(report.executionRate())
                .subtract(new BigDecimal(report.timeProgress()))
                .toPlainString();
    }
}
