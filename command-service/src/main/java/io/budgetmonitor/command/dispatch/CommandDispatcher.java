package io.budgetmonitor.command.dispatch;

import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.command.eventstore.EventLog;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * Sends a validated command to its aggregate and reports what was stored. The single entry point of
 * the web resources and the NDJSON import into the command bus.
 */
@Service
public class CommandDispatcher {

    private final CommandGateway gateway;
    private final CommandReceipts receipts;
    private final EventLog eventLog;

    public CommandDispatcher(CommandGateway gateway, CommandReceipts receipts, EventLog eventLog) {
        this.gateway = gateway;
        this.receipts = receipts;
        this.eventLog = eventLog;
    }

    /**
     * Sends the command and waits for it to be decided and committed. Refusals arrive as the
     * exceptions the aggregates throw (e.g. {@code CommandRefusedException}).
     */
    public Dispatched dispatch(BudgetCommand command, RequestMetadata metadata) {
        String receipt = receipts.open();
        try {
            Object result = gateway.sendAndWait(command, metadata.toMetaData().and(CommandReceipts.RECEIPT, receipt));
            List<EventMessage<?>> stored = receipts.close(receipt);
            return new Dispatched(command, result, stored.stream().map(RecordedEventRef::of).toList());
        } finally {
            receipts.close(receipt);
        }
    }

    /** The log position after a dispatched command (the latest of its events; the head if none). */
    public long positionAfter(Dispatched dispatched) {
        return eventLog.positionOf(dispatched.eventIds());
    }

    /** The outcome of one command: the handler's result and the events stored for it. */
    public record Dispatched(BudgetCommand command, Object result, List<RecordedEventRef> recorded) {

        public List<String> eventIds() {
            return recorded.stream().map(RecordedEventRef::eventId).toList();
        }
    }
}
