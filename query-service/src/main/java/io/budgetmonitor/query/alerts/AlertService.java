package io.budgetmonitor.query.alerts;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.rules.Condition;
import io.budgetmonitor.query.web.ConflictException;
import io.budgetmonitor.query.web.NotFoundException;
import io.budgetmonitor.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies evaluations and acknowledgements to alerts. All writers of transitions go through one lock,
 * so transition ids are committed in id order: a reader that has seen id n never later finds an id
 * below n appearing — which is what lets SSE resume from an id without gaps.
 */
@Service
public class AlertService {
    private final AlertRepository repository;
    private final AlertAnnouncements announcements;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AlertMetrics metrics;
    private final List<TransitionListener> listeners;
    private final ReentrantLock writeLock = new ReentrantLock();

    public AlertService(
            AlertRepository repository,
            AlertAnnouncements announcements,
            TransactionTemplate tx,
            Clock clock,
            AlertMetrics metrics,
            @Lazy List<TransitionListener> listeners) {
        this.repository = repository;
        this.announcements = announcements;
        this.tx = tx;
        this.clock = clock;
        this.metrics = metrics;
        this.listeners = listeners;
    }

    /**
     * Makes the alerts of a department-year match the conditions that hold now; once its year is closed
     * ({@code closedOn} not null, 年度已结账) every active alert is resolved with the year instead.
     */
    public List<AlertTransition> reconcile(FiscalYearId id, List<Condition> conditions, LocalDate closedOn) {
        return reconcile(id, conditions, closedOn, () -> {});
    }

    /**
     * {@link #reconcile(FiscalYearId, List, LocalDate)}, with {@code withTheAlerts} run in the same transaction:
     * the monitor marks the evaluation done there (its backlog row), so it commits exactly when the alerts do.
     */
    public List<AlertTransition> reconcile(
            FiscalYearId id, List<Condition> conditions, LocalDate closedOn, Runnable withTheAlerts) {
        writeLock.lock();
        try {
            List<AlertTransition> transitions = tx.execute(status -> {
                List<AlertTransition> made = apply(id, conditions, closedOn);
                withTheAlerts.run();
                return made;
            });
            afterCommit(transitions);
            return transitions;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The transitions the conditions would make, with nothing written: the answer of a what-if
     * evaluation. The same plan as {@link #reconcile}, so the two cannot disagree.
     */
    public List<ForeseenTransition> foresee(FiscalYearId id, List<Condition> conditions, LocalDate closedOn) {
        return plan(id, conditions, closedOn != null).stream()
                .filter(Change::isTransition)
                .map(change -> change.foreseen(id))
                .toList();
    }

    /** One alert that an evaluation changes: opens ({@code before} null), resolves ({@code condition} null) or updates. */
    private record Change(Alert before, Condition condition, AlertLifecycle.Step step) {
        boolean isTransition() {
            return step.kind() != null;
        }

        ForeseenTransition foreseen(FiscalYearId id) {
            Long alertId = before == null ? null : before.id();
            return condition == null || step.kind() == TransitionKind.CLOSED_WITH_YEAR
                    ? new ForeseenTransition(
                            alertId,
                            before.rule(),
                            before.subject(),
                            id.department(),
                            id.fiscalYear(),
                            step.kind(),
                            step.status(),
                            step.severity(),
                            before.message(),
                            before.evidence())
                    : new ForeseenTransition(
                            alertId,
                            condition.rule(),
                            condition.subject(),
                            id.department(),
                            id.fiscalYear(),
                            step.kind(),
                            step.status(),
                            step.severity(),
                            condition.message(),
                            condition.evidence());
        }
    }

    private List<Change> plan(FiscalYearId id, List<Condition> conditions, boolean yearClosed) {
        Map<String, Alert> existing = new HashMap<>();
        for (Alert a : repository.forDepartmentYear(id.department(), id.fiscalYear())) {
            existing.put(a.rule() + "|" + a.subject(), a);
        }
        Map<String, Condition> current = new LinkedHashMap<>();
        for (Condition c : conditions) {
            current.putIfAbsent(c.rule() + "|" + c.subject(), c);
        }
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, Condition> entry : current.entrySet()) {
            Alert before = existing.get(entry.getKey());
            AlertLifecycle.next(before, entry.getValue(), yearClosed)
                    .ifPresent(step -> changes.add(new Change(before, entry.getValue(), step)));
        }
        for (Map.Entry<String, Alert> entry : existing.entrySet()) {
            if (!current.containsKey(entry.getKey())) {
                AlertLifecycle.next(entry.getValue(), null, yearClosed)
                        .ifPresent(step -> changes.add(new Change(entry.getValue(), null, step)));
            }
        }
        return changes;
    }

    private List<AlertTransition> apply(FiscalYearId id, List<Condition> conditions, LocalDate closedOn) {
        Instant now = clock.instant();
        List<AlertTransition> transitions = new ArrayList<>();
        List<AlertRepository.Refresh> refreshes = new ArrayList<>();
        for (Change change : plan(id, conditions, closedOn != null)) {
            AlertLifecycle.Step s = change.step();
            Alert before = change.before();
            long alertId;
            if (s.kind() == TransitionKind.CLOSED_WITH_YEAR) {
                // the reason travels with the transition (comment), so a subscriber tells it from a cleared condition
                repository.resolve(before.id(), now);
                transitions.add(record(
                        repository.find(before.id()).orElseThrow(), s.kind(), null, closedWithYear(closedOn), now));
                continue;
            }
            if (before == null) {
                alertId = repository.insert(change.condition(), id.department(), id.fiscalYear(), now);
            } else if (change.condition() == null) {
                alertId = before.id();
                repository.resolve(alertId, now);
            } else if (!change.isTransition()) {
                // new figures in the message, nothing else: under a flow of payments most of an evaluation's
                // changes are these, sent together below instead of one round trip each
                refreshes.add(new AlertRepository.Refresh(
                        before.id(),
                        change.condition().message(),
                        change.condition().evidence()));
                continue;
            } else {
                alertId = before.id();
                repository.update(
                        alertId,
                        s.severity(),
                        s.status(),
                        change.condition().message(),
                        change.condition().evidence(),
                        now,
                        s.kind() == TransitionKind.REOPENED);
            }
            if (change.isTransition()) {
                transitions.add(record(repository.find(alertId).orElseThrow(), s.kind(), null, null, now));
            }
        }
        repository.refresh(refreshes, now);
        return transitions;
    }

    /** Stores a transition and, in the same transaction, its message for {@code budget.alerts.v1}. */
    private AlertTransition record(Alert alert, TransitionKind kind, String actor, String comment, Instant at) {
        return announcements.announce(repository.recordTransition(alert, kind, actor, comment, at));
    }

    /** Why an alert was resolved with its year: the transition's comment. */
    static String closedWithYear(LocalDate closedOn) {
        return "年度已结账 (fiscal year closed on " + closedOn + "): resolved with the year";
    }

    /**
     * Acknowledges an alert as {@code by} (the principal: 经办人, never a name the client sends). An
     * alert outside the caller's departments is answered as one that does not exist.
     */
    public Alert acknowledge(long alertId, Caller by, String comment) {
        writeLock.lock();
        try {
            List<AlertTransition> transitions = new ArrayList<>();
            Alert acknowledged = tx.execute(status -> {
                Alert alert = repository
                        .find(alertId, AlertFilter.seenBy(by))
                        .orElseThrow(() -> new NotFoundException("no alert " + alertId));
                if (alert.status() == AlertStatus.RESOLVED) {
                    throw new ConflictException("alert " + alertId + " is already resolved");
                }
                if (alert.status() == AlertStatus.ACKNOWLEDGED) {
                    return alert;
                }
                Instant now = clock.instant();
                repository.acknowledge(alertId, by.name(), comment, now);
                Alert after = repository.find(alertId).orElseThrow();
                transitions.add(record(after, TransitionKind.ACKNOWLEDGED, by.name(), comment, now));
                return after;
            });
            afterCommit(transitions);
            return acknowledged;
        } finally {
            writeLock.unlock();
        }
    }

    private void afterCommit(List<AlertTransition> transitions) {
        if (transitions == null || transitions.isEmpty()) {
            return;
        }
        // subscribers first: the open-alert gauge's count is a query they need not wait for
        listeners.forEach(TransitionListener::transitionsCommitted);
        transitions.forEach(metrics::transition);
        metrics.refreshOpen();
    }
}
