package io.budgetmonitor.command.dispatch;

import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.wire.EventTypes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/** One event a command stored: what a response tells the client was recorded. */
public record RecordedEventRef(String eventId, String type, String aggregateId, Long sequenceNumber, Object event) {

    static RecordedEventRef of(EventMessage<?> message) {
        Object payload = message.getPayload();
        String type = payload instanceof BudgetEvent budgetEvent
                ? EventTypes.typeOf(budgetEvent.getClass())
                : message.getPayloadType().getSimpleName();
        if (message instanceof DomainEventMessage<?> domain) {
            return new RecordedEventRef(
                    message.getIdentifier(),
                    type,
                    domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(),
                    payload);
        }
        return new RecordedEventRef(message.getIdentifier(), type, null, null, payload);
    }
}
