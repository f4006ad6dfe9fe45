package io.budgetmonitor.api.wire;

import io.budgetmonitor.api.events.BudgetEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored event with what the store knows about it: its id, its place in its aggregate's stream
 * ({@code sequenceNumber}, from 0) and in the whole log ({@code position}, the event store's global
 * index), when it was recorded and by whom. This is what travels on {@code budget.events.v1}.
 *
 * <p>{@code recordedBy} is the authenticated principal (经办人); {@code onBehalfOf} is whom the client
 * said it recorded for (代办, its {@code X-Recorded-By} claim), null when it said nothing and on
 * messages older than the claim.
 *
 * <p>{@code eventHash} and {@code prevHash} (hex SHA-256) are the event's link in its aggregate's hash
 * chain (防篡改): a reader can check that each event's {@code prevHash} is the {@code eventHash} of the
 * aggregate's previous event. Both are null on messages published before the chain existed, and
 * {@code prevHash} is null on an aggregate's first event.
 */
public record RecordedEvent(
        String eventId,
        String aggregateId,
        long sequenceNumber,
        long position,
        Instant recordedAt,
        String recordedBy,
        String correlationId,
        BudgetEvent event,
        String onBehalfOf,
        String eventHash,
        String prevHash) {

    /** An event without a client's claim nor a chain link (tests, messages older than both). */
    public RecordedEvent(
            String eventId,
            String aggregateId,
            long sequenceNumber,
            long position,
            Instant recordedAt,
            String recordedBy,
            String correlationId,
            BudgetEvent event) {
        this(
                eventId,
                aggregateId,
                sequenceNumber,
                position,
                recordedAt,
                recordedBy,
                correlationId,
                event,
                null,
                null,
                null);
    }

    public RecordedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(event, "event");
    }

    public String type() {
        return EventTypes.typeOf(event.getClass());
    }
}
