package io.budgetmonitor.query.alerts;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.monitoring.Condition;
import io.budgetmonitor.query.web.BadRequestException;
import io.budgetmonitor.query.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Applies evaluations and acknowledgements to alerts. All writers of transitions go through one lock,
 * so transition ids are committed in id order: a reader that has seen id n never later finds an id
 * below n appearing — which is what lets SSE resume from an id without gaps.
 */
@Service
public class AlertService {
    private final AlertRepository repository;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AlertMetrics metrics;
    private final List<TransitionListener> listeners;
    private final ReentrantLock writeLock = new ReentrantLock();

    public AlertService(AlertRepository repository, TransactionTemplate tx, Clock clock, AlertMetrics metrics,
                        @Lazy List<TransitionListener> listeners) {
        this.repository = repository;
        this.tx = tx;
        this.clock = clock;
        this.metrics = metrics;
        this.listeners = listeners;
    }

    /** Makes the alerts of a department-year match the conditions that hold now. */
    public List<AlertTransition> reconcile(FiscalYearId id, List<Condition> conditions) {
        writeLock.lock();
        try {
            List<AlertTransition> transitions = tx.execute(status -> apply(id, conditions));
            afterCommit(transitions);
            return transitions;
        } finally {
            writeLock.unlock();
        }
    }

    private List<AlertTransition> apply(FiscalYearId id, List<Condition> conditions) {
        Instant now = clock.instant();
        Map<String, Alert> existing = new HashMap<>();
        for (Alert a : repository.forDepartmentYear(id.department(), id.fiscalYear())) {
            existing.put(a.rule() + "|" + a.subject(), a);
        }
        List<AlertTransition> transitions = new ArrayList<>();
        Map<String, Condition> current = new HashMap<>();
        for (Condition c : conditions) {
            current.putIfAbsent(c.rule() + "|" + c.subject(), c);
        }
        for (Map.Entry<String, Condition> entry : current.entrySet()) {
            Condition c = entry.getValue();
            Alert before = existing.get(entry.getKey());
            Optional<AlertLifecycle.Step> step = AlertLifecycle.next(before, c);
            if (step.isEmpty()) {
                continue;
            }
            AlertLifecycle.Step s = step.get();
            long alertId;
            if (before == null) {
                alertId = repository.insert(c, id.department(), id.fiscalYear(), now);
            } else {
                alertId = before.id();
                repository.update(alertId, s.severity(), s.status(), c.message(), c.evidence(), now,
                        s.kind() == TransitionKind.REOPENED);
            }
            if (s.kind() != null) {
                transitions.add(repository.recordTransition(repository.find(alertId).orElseThrow(), s.kind(), null, null, now));
            }
        }
        for (Map.Entry<String, Alert> entry : existing.entrySet()) {
            if (!current.containsKey(entry.getKey())) {
                Alert before = entry.getValue();
                if (AlertLifecycle.next(before, null).isPresent()) {
                    repository.resolve(before.id(), now);
                    transitions.add(repository.recordTransition(repository.find(before.id()).orElseThrow(),
                            TransitionKind.RESOLVED, null, null, now));
                }
            }
        }
        return transitions;
    }

    public Alert acknowledge(long alertId, String who, String comment) {
        if (who == null || who.isBlank()) {
            throw new BadRequestException("who", "who acknowledges must be given");
        }
        writeLock.lock();
        try {
            List<AlertTransition> transitions = new ArrayList<>();
            Alert acknowledged = tx.execute(status -> {
                Alert alert = repository.find(alertId).orElseThrow(() -> new NotFoundException("no alert " + alertId));
                if (alert.status() == AlertStatus.RESOLVED) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT, "alert " + alertId + " is already resolved");
                }
                if (alert.status() == AlertStatus.ACKNOWLEDGED) {
                    return alert;
                }
                Instant now = clock.instant();
                repository.acknowledge(alertId, who, comment, now);
                Alert after = repository.find(alertId).orElseThrow();
                transitions.add(repository.recordTransition(after, TransitionKind.ACKNOWLEDGED, who, comment, now));
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
        transitions.forEach(metrics::transition);
        metrics.refreshOpen();
        listeners.forEach(TransitionListener::transitionsCommitted);
    }
}
