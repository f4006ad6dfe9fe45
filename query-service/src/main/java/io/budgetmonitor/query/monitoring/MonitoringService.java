package io.budgetmonitor.query.monitoring;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.consumption.ConsumingReplica;
import io.budgetmonitor.query.alerts.AlertService;
import io.budgetmonitor.query.alerts.AlertTransition;
import io.budgetmonitor.query.consumption.AppliedEventsListener;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ProjectionCache;
import io.budgetmonitor.query.execution.ReadModelStore;
import io.budgetmonitor.query.execution.Rates;
import io.budgetmonitor.query.execution.TimeProgress;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Runs the rules: after each committed batch for the department-years it touched (once the consumer
 * is close to the log end — while catching up, evaluation is deferred so replays stay fast), on a
 * schedule for every department-year (time progress moves when nothing is recorded), and on demand
 * at a given date (admin endpoint, tests).
 */
@Service
public class MonitoringService implements AppliedEventsListener {
    private static final Logger log = LoggerFactory.getLogger(MonitoringService.class);

    private final ProjectionCache cache;
    private final ReadModelStore store;
    private final LatePostingFinder latePostings;
    private final ScoreBaselines baselines;
    private final AlertService alerts;
    private final MonitoringProperties properties;
    private final Clock clock;
    private final ConsumingReplica replica;
    private final Set<FiscalYearId> deferred = new LinkedHashSet<>();

    public MonitoringService(ProjectionCache cache, ReadModelStore store, LatePostingFinder latePostings,
                             ScoreBaselines baselines, AlertService alerts, MonitoringProperties properties, Clock clock,
                             ConsumingReplica replica) {
        this.replica = replica;
        this.cache = cache;
        this.store = store;
        this.latePostings = latePostings;
        this.baselines = baselines;
        this.alerts = alerts;
        this.properties = properties;
        this.clock = clock;
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
            evaluate(id, null);
        }
    }

    @Scheduled(cron = "${budget.monitoring.schedule:0 5 * * * *}")
    public void scheduled() {
        if (!replica.isConsuming()) {
            return; // the consuming replica re-evaluates; the others stand by
        }
        int n = evaluateAll(null).size();
        log.info("scheduled re-evaluation of every department-year: {} transitions", n);
    }

    public List<AlertTransition> evaluateAll(LocalDate date) {
        List<AlertTransition> transitions = new ArrayList<>();
        for (FiscalYearId id : store.departmentYears()) {
            transitions.addAll(evaluate(id, date));
        }
        return transitions;
    }

    /**
     * Evaluates one department-year on {@code date} (default: today, clamped into the fiscal year, so a
     * past year is judged on its 31 December).
     */
    public List<AlertTransition> evaluate(FiscalYearId id, LocalDate date) {
        LocalDate on = TimeProgress.clamp(date != null ? date : LocalDate.now(clock), id.fiscalYear());
        List<Condition> conditions;
        cache.lock().lock();
        try {
            DepartmentYearState state = cache.get(id);
            BigDecimal peak = baselines.peak(id);
            conditions = RuleEngine.evaluate(state, on, properties.thresholdsFor(id.department()),
                    latePostings.find(state), peak);
            BigDecimal projected = ScoreProjection.project(state, Rates.round(TimeProgress.ratio(on, id.fiscalYear())));
            if (projected != null) {
                baselines.record(id, projected);
            }
        } finally {
            cache.lock().unlock();
        }
        return alerts.reconcile(id, conditions);
    }
}
