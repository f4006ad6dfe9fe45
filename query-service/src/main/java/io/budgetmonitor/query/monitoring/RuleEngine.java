package io.budgetmonitor.query.monitoring;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ExecutionCalculator;
import io.budgetmonitor.query.execution.ExecutionReport;
import io.budgetmonitor.query.execution.KpiFigures;
import io.budgetmonitor.query.execution.KpiJudgement;
import io.budgetmonitor.query.execution.LineFigures;
import io.budgetmonitor.query.execution.QuarterClose;
import io.budgetmonitor.query.execution.Rates;
import io.budgetmonitor.query.execution.TimeProgress;
import io.budgetmonitor.query.rules.Condition;
import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Evaluates every rule of MONITORING.md for one department-year on one date. Pure and deterministic:
 * the same state, date and thresholds give the same conditions, so re-evaluating never duplicates.
 * Rates compared are the 4-decimal figures users see.
 */
public final class RuleEngine {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal AHEAD_MARGIN = new BigDecimal("0.05");

    private RuleEngine() {}

    /**
     * @param latePostings disbursements recorded after their quarter was closed
     * @param scorePeak    highest projected score seen this year (null if none yet)
     * @param kpiReportDue the month-day by which every KPI must have progress reported (绩效监控报送)
     */
    public static List<Condition> evaluate(
            DepartmentYearState state,
            LocalDate date,
            TimeProgress timeProgress,
            Thresholds t,
            List<LatePosting> latePostings,
            BigDecimal scorePeak,
            MonthDay kpiReportDue) {
        int year = state.id().fiscalYear();
        BigDecimal exact = timeProgress.ratio(date, year);
        BigDecimal progress = Rates.round(exact);
        List<Condition> out = new ArrayList<>();
        behindSchedule(state, date, progress, t, out);
        quarters(state, out);
        lines(state, progress, t, out);
        controlRates(state, date, progress, exact, t, out);
        kpis(state, date, progress, t, out);
        kpisNotReported(state, date, kpiReportDue, out);
        reclaimRisk(state, date, progress, exact, t, out);
        latePostings(latePostings, out);
        scoreDrop(state, progress, t, scorePeak, out);
        return out;
    }

    private static void behindSchedule(
            DepartmentYearState state, LocalDate date, BigDecimal progress, Thresholds t, List<Condition> out) {
        behind(state, "department", l -> true, date, progress, t, out);
        for (FundSource fs : FundSource.values()) {
            behind(state, "fund-source:" + fs.name(), l -> l.fundSource() == fs, date, progress, t, out);
        }
        for (LineFigures line : state.lines()) {
            behind(state, "line:" + line.line(), l -> l == line, date, progress, t, out);
        }
    }

    private static void behind(
            DepartmentYearState state,
            String subject,
            Predicate<LineFigures> filter,
            LocalDate date,
            BigDecimal progress,
            Thresholds t,
            List<Condition> out) {
        Money budget = ExecutionCalculator.sum(state.lines(), filter, LineFigures::budget);
        if (!budget.isPositive()) {
            return;
        }
        BigDecimal rate = Rates.ratio(ExecutionCalculator.sum(state.lines(), filter, LineFigures::executed), budget);
        BigDecimal gapPoints = progress.subtract(rate).multiply(HUNDRED);
        Severity severity = gapPoints.compareTo(t.behindCriticalPoints()) > 0
                ? Severity.CRITICAL
                : gapPoints.compareTo(t.behindWarningPoints()) > 0 ? Severity.WARNING : null;
        if (severity == null) {
            return;
        }
        List<String> evidence = state.lines().stream()
                .filter(filter)
                .sorted(Comparator.comparingLong(LineFigures::lastPosition).reversed())
                .limit(5)
                .map(LineFigures::lastEventId)
                .toList();
        out.add(new Condition(
                Rule.EXECUTION_BEHIND_SCHEDULE,
                subject,
                severity,
                "cumulative execution " + Rates.percent(rate) + " on " + date + ", time progress "
                        + Rates.percent(progress) + ", "
                        + gapPoints.setScale(1, RoundingMode.HALF_UP).toPlainString()
                        + " points behind",
                evidence));
    }

    private static void quarters(DepartmentYearState state, List<Condition> out) {
        for (QuarterClose close : state.closes().values()) {
            int q = close.quarter();
            BigDecimal cumulative = ExecutionCalculator.quarterCumulativeRate(state, q);
            BigDecimal target = ExecutionCalculator.quarterTarget(state, q);
            BigDecimal vs = Rates.ratio(cumulative, target);
            if (vs != null && vs.compareTo(BigDecimal.ONE) < 0) {
                out.add(new Condition(
                        Rule.QUARTER_TARGET_MISSED,
                        "quarter:Q" + q,
                        Severity.WARNING,
                        "Q" + q + " cumulative general-public-budget execution " + Rates.percent(cumulative)
                                + " against a target of " + Rates.percent(target) + " (" + Rates.percent(vs)
                                + " of target)",
                        List.of(close.eventId())));
            }
            List<ExecutionReport.Reconciliation> mismatches = ExecutionCalculator.reconcile(state, close).stream()
                    .filter(r -> !r.matches())
                    .toList();
            if (!mismatches.isEmpty()) {
                String detail = mismatches.stream()
                        .map(r -> r.fundSource() + " reported " + r.reported() + ", ledger " + r.ledger()
                                + " (difference " + r.difference() + ")")
                        .collect(Collectors.joining("; "));
                out.add(new Condition(
                        Rule.RECONCILIATION_MISMATCH,
                        "quarter:Q" + q,
                        Severity.CRITICAL,
                        "Q" + q + " reported execution differs from the ledger at "
                                + Quarter.of(q).lastDay(state.id().fiscalYear()) + ": " + detail,
                        List.of(close.eventId())));
            }
        }
    }

    /**
     * A line used past the threshold is worth a warning only while it is more than 5 points ahead of
     * time progress (a smaller margin made lines flap as daily progress overtook each payment): the
     * rest of the year still needs money it no longer has. A line used to 95% in December is a line
     * spent as planned (the demo year's 28 year-end "nearly exhausted" alerts were all of that kind).
     */
    private static void lines(DepartmentYearState state, BigDecimal progress, Thresholds t, List<Condition> out) {
        for (LineFigures line : state.lines()) {
            Money budget = line.budget();
            if (line.lastRejectedAmount() != null && line.lastRejectedAmount().exceeds(line.available())) {
                out.add(new Condition(
                        Rule.OVERSPEND_ATTEMPT,
                        "line:" + line.line(),
                        Severity.CRITICAL,
                        "disbursement of " + line.lastRejectedAmount() + " on line " + line.line() + " refused on "
                                + line.lastRejectedOn() + " (available then " + line.lastRejectedAvailable()
                                + ", now " + line.available() + "; " + line.rejectedCount() + " refusal(s) this year)",
                        List.of(line.lastRejectedEvent())));
            }
            if (budget.isPositive()) {
                BigDecimal usage = Rates.ratio(line.executed(), budget);
                if (usage.compareTo(t.nearlyExhaustedRatio()) > 0 && usage.compareTo(progress.add(AHEAD_MARGIN)) > 0) {
                    out.add(new Condition(
                            Rule.LINE_NEARLY_EXHAUSTED,
                            "line:" + line.line(),
                            Severity.INFO,
                            "line " + line.line() + " has used " + Rates.percent(usage) + " of its adjusted budget "
                                    + budget + " (available " + line.available() + ") at a time progress of "
                                    + Rates.percent(progress),
                            List.of(line.lastEventId())));
                }
            }
        }
    }

    private static void controlRates(
            DepartmentYearState state,
            LocalDate date,
            BigDecimal progress,
            BigDecimal exact,
            Thresholds t,
            List<Condition> out) {
        control(
                state,
                "PUBLIC_EXPENSE",
                "public-expense (公用经费)",
                l -> l.expenditureType() == ExpenditureType.PUBLIC_EXPENSE,
                date,
                progress,
                exact,
                t,
                out);
        control(
                state,
                "THREE_PUBLIC",
                "three-public (三公经费)",
                l -> l.threePublic() != null && l.threePublic().isThreePublic(),
                date,
                progress,
                exact,
                t,
                out);
    }

    private static void control(
            DepartmentYearState state,
            String subject,
            String label,
            Predicate<LineFigures> filter,
            LocalDate date,
            BigDecimal progress,
            BigDecimal exact,
            Thresholds t,
            List<Condition> out) {
        Money budget = ExecutionCalculator.sum(state.lines(), filter, LineFigures::budget);
        if (!budget.isPositive()) {
            return;
        }
        Money executed = ExecutionCalculator.sum(state.lines(), filter, LineFigures::executed);
        BigDecimal rate = Rates.ratio(executed, budget);
        // a linear projection only after the first quarter: one January payment × 12 is noise
        BigDecimal projected = progress.compareTo(new BigDecimal("0.25")) >= 0
                ? executed.amount()
                        .divide(exact, 10, RoundingMode.HALF_UP)
                        .divide(budget.amount(), 4, RoundingMode.HALF_UP)
                : null;
        boolean exceeded = rate.compareTo(t.controlRateLimit()) > 0;
        boolean onCourse = projected != null && projected.compareTo(t.controlRateLimit()) > 0;
        if (exceeded || onCourse) {
            out.add(new Condition(
                    Rule.CONTROL_RATE_EXCEEDED,
                    subject,
                    Severity.CRITICAL,
                    label + " spending " + executed + " is " + Rates.percent(rate) + " of its budget " + budget + " on "
                            + date
                            + (projected == null ? "" : ", on course for " + Rates.percent(projected) + " by year end"),
                    List.of()));
        }
    }

    private static void kpis(
            DepartmentYearState state, LocalDate date, BigDecimal progress, Thresholds t, List<Condition> out) {
        int year = state.id().fiscalYear();
        int lastCompleted = 0;
        for (int q = 4; q >= 1; q--) {
            if (Quarter.of(q).lastDay(year).isBefore(date)) {
                lastCompleted = q;
                break;
            }
        }
        for (KpiFigures kpi : state.kpis()) {
            String subject = "kpi:" + kpi.kpi();
            List<String> evidence = new ArrayList<>();
            evidence.add(kpi.reportEventId());
            List<String> reasons = new ArrayList<>();
            boolean quantitative = kpi.direction() == KpiDirection.HIGHER_IS_BETTER
                    && kpi.target() != null
                    && kpi.target().signum() > 0;
            if (quantitative && kpi.actual() != null) {
                BigDecimal completion = Rates.ratio(kpi.actual(), kpi.target());
                BigDecimal behind = progress.subtract(completion).multiply(HUNDRED);
                if (behind.compareTo(t.kpiBehindPoints()) > 0) {
                    reasons.add("progress " + Rates.percent(completion) + " of target "
                            + kpi.target().toPlainString()
                            + " on " + date + ", time progress " + Rates.percent(progress) + ", "
                            + behind.setScale(1, RoundingMode.HALF_UP).toPlainString() + " points behind");
                }
                if (completion.compareTo(t.kpiTooLooseRatio()) > 0) {
                    out.add(new Condition(
                            Rule.KPI_TARGET_TOO_LOOSE,
                            subject,
                            Severity.INFO,
                            "KPI " + kpi.kpi() + " (" + kpi.name() + ") actual "
                                    + kpi.actual().toPlainString() + " is " + Rates.percent(completion)
                                    + " of its target " + kpi.target().toPlainString(),
                            evidence));
                }
            }
            // a lower-is-better KPI (控制率 ≤100%) holds all year: above its target it is behind whatever the
            // date — the dashboard's judgement, so the alert and the KPI endpoint never disagree
            if (kpi.direction() == KpiDirection.LOWER_IS_BETTER
                    && kpi.target() != null
                    && KpiJudgement.status(kpi, progress) == KpiJudgement.Status.BEHIND) {
                reasons.add("actual " + kpi.actual().toPlainString() + " above its target "
                        + kpi.target().toPlainString() + " (lower is better) on " + date);
            }
            if (lastCompleted > 0
                    && (kpi.setOn() == null
                            || !kpi.setOn().isAfter(Quarter.of(lastCompleted).firstDay(year)))
                    && !kpi.reportedIn(lastCompleted)) {
                reasons.add("no progress report in Q" + lastCompleted);
            }
            if (!reasons.isEmpty()) {
                out.add(new Condition(
                        Rule.KPI_AT_RISK,
                        subject,
                        Severity.WARNING,
                        "KPI " + kpi.kpi() + " (" + kpi.name() + "): " + String.join("; ", reasons),
                        evidence));
            }
        }
    }

    /**
     * 绩效监控未报送: on a date after the due day of the fiscal year, a KPI set by then that has no progress
     * report at all. A report on the due day itself is in time; one arriving later resolves the alert.
     */
    private static void kpisNotReported(DepartmentYearState state, LocalDate date, MonthDay due, List<Condition> out) {
        LocalDate dueOn = due.atYear(state.id().fiscalYear());
        if (!date.isAfter(dueOn)) {
            return;
        }
        for (KpiFigures kpi : state.kpis()) {
            // a KPI set after the due day could not have been reported by it; the quarterly check covers it
            boolean setInTime = kpi.setOn() == null || !kpi.setOn().isAfter(dueOn);
            if (setInTime && kpi.reportedOn() == null) {
                out.add(new Condition(
                        Rule.KPI_NOT_REPORTED,
                        "kpi:" + kpi.kpi(),
                        Severity.WARNING,
                        "KPI " + kpi.kpi() + " (" + kpi.name() + ") has no progress reported by " + dueOn
                                + " (绩效运行监控 due); checked on " + date,
                        List.of()));
            }
        }
    }

    private static void reclaimRisk(
            DepartmentYearState state,
            LocalDate date,
            BigDecimal progress,
            BigDecimal exact,
            Thresholds t,
            List<Condition> out) {
        if (Quarter.containing(date).number() != 4
                || date.getYear() != state.id().fiscalYear()) {
            return;
        }
        Predicate<LineFigures> appropriation = LineFigures::appropriation;
        Money budget = ExecutionCalculator.sum(state.lines(), appropriation, LineFigures::budget);
        if (!budget.isPositive()) {
            return;
        }
        Money executed = ExecutionCalculator.sum(state.lines(), appropriation, LineFigures::executed);
        // projections use the exact time progress; only displayed rates are rounded
        BigDecimal projected =
                executed.amount().divide(exact, 2, RoundingMode.HALF_UP).min(budget.amount());
        BigDecimal unspent = budget.amount().subtract(projected);
        BigDecimal share = Rates.ratio(unspent, budget.amount());
        if (share.compareTo(t.reclaimRiskRatio()) > 0) {
            out.add(new Condition(
                    Rule.RECLAIM_RISK,
                    "department",
                    Severity.WARNING,
                    "appropriations of " + budget + " are " + Rates.percent(Rates.ratio(executed, budget))
                            + " executed on " + date + "; at this pace "
                            + unspent.setScale(2, RoundingMode.HALF_UP).toPlainString() + " (" + Rates.percent(share)
                            + ") would remain unspent and be reclaimed",
                    List.of()));
        }
    }

    private static void latePostings(List<LatePosting> late, List<Condition> out) {
        Map<Integer, List<LatePosting>> byQuarter = new TreeMap<>();
        for (LatePosting p : late) {
            byQuarter.computeIfAbsent(p.quarter(), q -> new ArrayList<>()).add(p);
        }
        byQuarter.forEach((q, postings) -> {
            Money total = postings.stream().map(LatePosting::amount).reduce(Money.ZERO, Money::plus);
            String vouchers = postings.stream()
                    .map(p -> p.voucher() + " " + p.amount() + " dated " + p.occurredOn() + " on " + p.line())
                    .limit(10)
                    .collect(Collectors.joining(", "));
            out.add(new Condition(
                    Rule.LATE_POSTING,
                    "quarter:Q" + q,
                    Severity.WARNING,
                    postings.size() + " disbursement(s) totalling " + total + " recorded after Q" + q + " was closed: "
                            + vouchers,
                    postings.stream().map(LatePosting::eventId).toList()));
        });
    }

    private static void scoreDrop(
            DepartmentYearState state, BigDecimal progress, Thresholds t, BigDecimal peak, List<Condition> out) {
        BigDecimal current = ScoreProjection.project(state, progress);
        if (current == null || peak == null) {
            return;
        }
        BigDecimal drop = peak.subtract(current);
        if (drop.compareTo(t.scoreDropPoints()) >= 0) {
            out.add(new Condition(
                    Rule.PROJECTED_SCORE_DROP,
                    "department",
                    Severity.WARNING,
                    "projected execution-based score " + current.toPlainString() + " of 8 is " + drop.toPlainString()
                            + " points below this year's best projection " + peak.toPlainString(),
                    List.of()));
        }
    }
}
