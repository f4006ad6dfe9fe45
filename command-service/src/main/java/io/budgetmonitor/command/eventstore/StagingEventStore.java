package io.budgetmonitor.command.eventstore;

import io.budgetmonitor.command.registers.PendingRegisters;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, which also stages each event for the registers the moment it is
 * applied ({@link PendingRegisters}): the next command of an import batch, decided before anything
 * is written, must see the vouchers and year openings of the lines before it.
 */
public class StagingEventStore extends EmbeddedEventStore {

    public StagingEventStore(Builder builder) {
        super(builder);
    }

    @Override
    public void publish(List<? extends EventMessage<?>> events) {
        PendingRegisters.stage(events);
        super.publish(events);
    }
}
