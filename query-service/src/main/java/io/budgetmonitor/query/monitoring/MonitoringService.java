package io.budgetmonitor.query.monitoring;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.alerts.AlertService;
import io.budgetmonitor.query.alerts.AlertTransition;
import io.budgetmonitor.query.alerts.ForeseenTransition;
import io.budgetmonitor.query.consumption.AppliedEventsListener;
import io.budgetmonitor.query.consumption.ConsumingReplica;
import io.budgetmonitor.query.consumption.DueEvaluations;
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
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Runs the rules: after each committed batch for the department-years it touched (once the consumer
 * is close to the log end — while catching up, evaluation is deferred so replays stay fast), on a
 * schedule for every department-year (time progress moves when nothing is recorded), and on demand
 * (admin endpoint). Only an evaluation of today writes alerts; one at another date is a what-if.
 *
 * <p>The evaluation after a batch runs on a thread of its own ({@code alert-evaluation}), not on the
 * consumer's: the consumer goes on to its next poll while the batch is judged, and a department-year touched
 * by several batches meanwhile is judged once for all of them. The batch left a row in {@link DueEvaluations}
 * in its own transaction, and the evaluation deletes it in the transaction of its alerts, so the position a
 * reader reports never claims an event whose alerts are not committed, and work a crash interrupted is
 * found there again (the thread looks at the table whenever it has nothing queued).
 */
@Service
@Order(0) // before any other listener of a batch, so one that comes after sees the batch already queued
public class MonitoringService implements AppliedEventsListener, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MonitoringService.class);
    /** How long the evaluation thread idles before it looks at the table for work nobody queued. */
    private static final long RECHECK_MILLIS = 2_000;

    private final ProjectionCache cache;
    private final ReadModelStore store;
    private final LatePostingFinder latePostings;
    private final ScoreBaselines baselines;
    private final AlertService alerts;
    private final MonitoringProperties properties;
    private final Clock clock;
    private final TimeProgress timeProgress;
    private final ConsumingReplica replica;
    private final DueEvaluations due;
    /** Department-years the consumer committed and the thread has not judged yet; guarded by itself. */
    private final Set<FiscalYearId> queued = new LinkedHashSet<>();
    /** Whether the consumer was close to the log end at its last batch; guarded by {@link #queued}. */
    private boolean live = true;
    /**
     * One evaluation at a time, judgement and reconcile together: two evaluations of a department-year (the
     * thread's and the admin endpoint's) then reconcile in the order they judged, so an older judgement never
     * overwrites a newer one.
     */
    private final ReentrantLock evaluating = new ReentrantLock();

    private volatile boolean running;
    private Thread evaluator;

    public MonitoringService(
            ProjectionCache cache,
            ReadModelStore store,
            LatePostingFinder latePostings,
            ScoreBaselines baselines,
            AlertService alerts,
            MonitoringProperties properties,
            Clock clock,
            TimeProgress timeProgress,
            ConsumingReplica replica,
            DueEvaluations due) {
        this.replica = replica;
        this.cache = cache;
        this.store = store;
        this.latePostings = latePostings;
        this.baselines = baselines;
        this.alerts = alerts;
        this.properties = properties;
        this.clock = clock;
        this.timeProgress = timeProgress;
        this.due = due;
    }

    /** On the consumer's thread: queues the batch's department-years for the evaluation thread and returns. */
    @Override
    public void afterCommit(Set<FiscalYearId> touched, long lag) {
        synchronized (queued) {
            queued.addAll(touched);
            live = lag <= properties.maxLag();
            if (live && !queued.isEmpty()) {
                queued.notifyAll();
            }
        }
    }

    private void evaluateQueued() {
        boolean started = false; // the first round reads the table at once: work a stop or a crash left there
        while (running) {
            List<FiscalYearId> next;
            synchronized (queued) {
                if (started && (queued.isEmpty() || !live)) {
                    try {
                        queued.wait(RECHECK_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                started = true;
                if (!running || !live) {
                    continue; // catching up: the batches stay due, judged once the consumer is near the log end
                }
                next = new ArrayList<>(queued);
                queued.clear();
            }
            if (next.isEmpty() && replica.isConsuming()) {
                next = new ArrayList<>(dueInTable());
            }
            for (FiscalYearId id : next) {
                try {
                    evaluate(id);
                } catch (RuntimeException e) {
                    // its row stays in evaluation_due: the thread finds it there again when it next idles
                    log.error("evaluation of {} failed; it stays due", id, e);
                }
            }
        }
    }

    private Set<FiscalYearId> dueInTable() {
        try {
            return due.departmentYears();
        } catch (RuntimeException e) {
            log.warn("cannot read the evaluations due: {}", e.toString());
            return Set.of();
        }
    }

    @Override
    public void start() {
        synchronized (queued) {
            queued.clear(); // what a stopped thread left queued is due in the table, which the thread reads first
        }
        running = true;
        evaluator = new Thread(this::evaluateQueued, "alert-evaluation");
        evaluator.setDaemon(true);
        evaluator.start();
    }

    @Override
    public void stop() {
        running = false;
        synchronized (queued) {
            queued.notifyAll();
        }
        if (evaluator != null) {
            try {
                evaluator.join(10_000); // an evaluation under way finishes; what is left stays due in the table
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the consuming replica (which starts the consumer), stops after it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
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
        evaluating.lock();
        try {
            Judgement judgement;
            long judged;
            cache.lock().lock();
            try {
                judged = due.newest(id); // under the lock: the batches in the state judged, no more
                ScoreBaselines.Baseline before = baselines.of(id);
                judgement = judge(id, today(id), before == null ? null : before.peak());
                if (judgement.projectedScore() != null) {
                    baselines.record(id, judgement.projectedScore(), before);
                }
            } finally {
                cache.lock().unlock();
            }
            return alerts.reconcile(id, judgement.conditions(), judgement.closedOn(), () -> due.settle(id, judged));
        } finally {
            evaluating.unlock();
        }
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
