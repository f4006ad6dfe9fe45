package io.budgetmonitor.query.alerts;

import io.budgetmonitor.api.wire.AlertTransitioned;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.outbox.Outbox;
import io.budgetmonitor.outbox.OutboxMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts a stored transition on {@code budget.alerts.v1} through the outbox, in the transaction that stored
 * it: published if and only if it was committed, once per transition id (its CloudEvents id), in the order
 * of a department-year's transitions (the key).
 */
@Component
class AlertAnnouncements {

    private final Outbox outbox;

    AlertAnnouncements(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    AlertTransition announce(AlertTransition t) {
        AlertTransitioned contract = new AlertTransitioned(
                t.id(),
                t.alertId(),
                t.rule().name(),
                t.subject(),
                t.department(),
                t.fiscalYear(),
                t.transition().name(),
                t.status().name(),
                t.severity().name(),
                t.message(),
                t.evidence(),
                t.actor(),
                t.comment(),
                t.at());
        outbox.append(new OutboxMessage(
                Topics.BUDGET_ALERTS,
                Topics.departmentYearKey(t.department(), t.fiscalYear()),
                AlertTransitioned.cloudEventId(t.id()),
                AlertTransitioned.TYPE,
                Long.toString(t.alertId()),
                t.at(),
                json(contract)));
        return t;
    }

    private static byte[] json(AlertTransitioned contract) {
        try {
            return BudgetJson.mapper().writeValueAsBytes(contract);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert transition " + contract.id(), e);
        }
    }
}
