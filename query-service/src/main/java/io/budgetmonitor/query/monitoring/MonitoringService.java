package io.budgetmonitor.query.monitoring;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.alerts.AlertService;
import io.budgetmonitor.query.alerts.AlertTransition;
import io.budgetmonitor.query.alerts.ForeseenTransition;
import io.budgetmonitor.query.consumption.AppliedEventsListener;
import io.budgetmonitor.query.consumption.ConsumingReplica;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ProjectionCache;
import io.budgetmonitor.query.execution.Rates;
import io.budgetmonitor.query.execution.ReadModelStore;
import io.budgetmonitor.query.execution.TimeProgress;
import io.budgetmonitor.query.rules.Condition;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Runs the rules: after each committed batch for the department-years it touched (once the consumer
 * is close to the log end — while catching up, evaluation is deferred so replays stay fast), on a
 * schedule for every department-year (time progress moves when nothing is recorded), and on demand
 * (admin endpoint). Only an evaluation of today writes alerts; one at another date is a what-if.
 */
@Service
@Order(0) // before any other listener of a batch, so one that comes after sees the batch already judged
public class MonitoringService implements AppliedEventsListener {
    private static final Logger log = LoggerFactory.getLogger(MonitoringService.class);

    private final ProjectionCache cache;
    private final ReadModelStore store;
    private final LatePostingFinder latePostings;
    private final ScoreBaselines baselines;
    private final AlertService alerts;
    private final MonitoringProperties properties;
    private final Clock clock;
    private final TimeProgress timeProgress;
    private final ConsumingReplica replica;
    private final Set<FiscalYearId> deferred = new LinkedHashSet<>();

    public MonitoringService(
            ProjectionCache cache,
            ReadModelStore store,
            LatePostingFinder latePostings,
            ScoreBaselines baselines,
            AlertService alerts,
            MonitoringProperties properties,
            Clock clock,
            TimeProgress timeProgress,
            ConsumingReplica replica) {
        this.replica = replica;
        this.cache = cache;
        this.store = store;
        this.latePostings = latePostings;
        this.baselines = baselines;
        this.alerts = alerts;
        this.properties = properties;
        this.clock = clock;
        this.timeProgress = timeProgress;
    }

    @Override
    public void afterCommit(Set<FiscalYearId> touched, long lag) {
        List<FiscalYearId> due;
        synchronized (deferred) {
            deferred.addAll(touched);
            if (lag > properties.maxLag()) {
                return;
            }
            due = new ArrayList<>(deferred);
            deferred.clear();
        }
        for (FiscalYearId id : due) {
            evaluate(id);
        }
    }

    @Scheduled(cron = "${budget.monitoring.schedule:0 5 * * * *}")
    public void scheduled() {
        if (!replica.isConsuming()) {
            return; // the consuming replica re-evaluates; the others stand by
        }
        int n = evaluateAll().size();
        log.info("scheduled re-evaluation of every department-year: {} transitions", n);
    }

    public List<AlertTransition> evaluateAll() {
        List<AlertTransition> transitions = new ArrayList<>();
        for (FiscalYearId id : store.departmentYears()) {
            transitions.addAll(evaluate(id));
        }
        return transitions;
    }

    /**
     * Evaluates one department-year today (clamped into the fiscal year, so a past year is judged on
     * its 31 December) and makes its alerts match: the only evaluation that writes and publishes.
     */
    public List<AlertTransition> evaluate(FiscalYearId id) {
        Judgement judgement;
        cache.lock().lock();
        try {
            ScoreBaselines.Baseline before = baselines.of(id);
            judgement = judge(id, today(id), before == null ? null : before.peak());
            if (judgement.projectedScore() != null) {
                baselines.record(id, judgement.projectedScore(), before);
            }
        } finally {
            cache.lock().unlock();
        }
        return alerts.reconcile(id, judgement.conditions(), judgement.closedOn());
    }

    /** Whether {@code date} is today for the monitor (a re-evaluation that may write), or a what-if. */
    public boolean isToday(LocalDate date) {
        return date == null || date.equals(LocalDate.now(clock));
    }

    public List<ForeseenTransition> whatIfAll(LocalDate date) {
        List<ForeseenTransition> foreseen = new ArrayList<>();
        for (FiscalYearId id : store.departmentYears()) {
            foreseen.addAll(whatIf(id, date));
        }
        return foreseen;
    }

    /**
     * What the rules would do to today's alerts if judged on {@code date} (the ledger as it stands, the
     * time progress of that date): a what-if. Nothing is written — no alert, no transition, no score
     * baseline — and nothing is published: a past date's verdict is not a fact of today's monitor.
     */
    public List<ForeseenTransition> whatIf(FiscalYearId id, LocalDate date) {
        Judgement judgement;
        cache.lock().lock();
        try {
            judgement = judge(id, TimeProgress.clamp(date, id.fiscalYear()), baselines.peak(id));
        } finally {
            cache.lock().unlock();
        }
        return alerts.foresee(id, judgement.conditions(), judgement.closedOn());
    }

    private LocalDate today(FiscalYearId id) {
        return TimeProgress.clamp(LocalDate.now(clock), id.fiscalYear());
    }

    /**
     * The conditions that hold on a date, the projected score the baseline would remember, and the day
     * the year was closed (年度结账; null while open) — which resolves its alerts with it.
     */
    private record Judgement(List<Condition> conditions, BigDecimal projectedScore, LocalDate closedOn) {}

    /** Runs the rules against the best projection so far ({@code peak}); the caller holds the projection cache's lock. */
    private Judgement judge(FiscalYearId id, LocalDate on, BigDecimal peak) {
        DepartmentYearState state = cache.get(id);
        List<Condition> conditions = RuleEngine.evaluate(
                state,
                on,
                timeProgress,
                properties.thresholdsFor(id.department()),
                latePostings.find(state),
                peak,
                properties.kpiReportDueDay());
        return new Judgement(
                conditions,
                ScoreProjection.project(state, Rates.round(timeProgress.ratio(on, id.fiscalYear()))),
                state.closedOn());
    }
}
