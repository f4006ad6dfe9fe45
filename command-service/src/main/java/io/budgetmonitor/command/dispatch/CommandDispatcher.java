package io.budgetmonitor.command.dispatch;

import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.command.eventstore.EventLog;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a validated command to its aggregate and reports what was stored. The single entry point of
 * the web resources and the NDJSON import into the command bus.
 */
@Service
public class CommandDispatcher {

    /** Attempts of a command decided inside a caller's transaction before a lost race is reported. */
    private static final int IN_PLACE_ATTEMPTS = 5;

    private final CommandGateway gateway;
    private final CommandGateway inPlaceGateway;
    private final CommandReceipts receipts;
    private final EventLog eventLog;
    private final TransactionTemplate transactions;
    private final CorrelationDataProvider correlation;

    public CommandDispatcher(
            CommandGateway gateway,
            CommandBus commandBus,
            CommandReceipts receipts,
            EventLog eventLog,
            PlatformTransactionManager transactionManager,
            @Qualifier("recordingCorrelationDataProvider") CorrelationDataProvider correlation) {
        this.correlation = correlation;
        this.gateway = gateway;
        // no retry scheduler: its thread would not share the caller's transaction (see dispatchInPlace)
        this.inPlaceGateway =
                DefaultCommandGateway.builder().commandBus(commandBus).build();
        this.receipts = receipts;
        this.eventLog = eventLog;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Sends the command and waits for it to be decided and committed. Refusals arrive as the
     * exceptions the aggregates throw (e.g. {@code CommandRefusedException}).
     */
    public Dispatched dispatch(BudgetCommand command, RequestMetadata metadata) {
        return dispatch(gateway, command, metadata);
    }

    /**
     * Sends the command and runs {@code andThen} with its outcome in the same transaction as its events:
     * what {@code andThen} writes (an {@code Idempotency-Key}'s answer) is committed if and only if the
     * events are. A commit whose outcome the client cannot know (the database ended the session during
     * COMMIT) thus leaves either both or neither: a retry finds the answer, or runs again on a clean slate
     * (found by the fault suite: a reduction recorded twice under one key across a PostgreSQL restart).
     * Decided on the calling thread (the retry scheduler's thread would not share the transaction); a
     * lost race is retried here, each attempt in a transaction of its own.
     */
    public <T> T dispatchAtomically(BudgetCommand command, RequestMetadata metadata, Function<Dispatched, T> andThen) {
        for (int attempt = 1; ; attempt++) {
            boolean[] decided = {false};
            try {
                return transactions.execute(status -> {
                    T outcome = andThen.apply(dispatch(inPlaceGateway, command, metadata));
                    decided[0] = true;
                    return outcome;
                });
            } catch (RuntimeException failure) {
                // a lost race is decided again in a new transaction; a failed COMMIT is not: it may have
                // stored the events, and only the caller's retry can find out (by its key)
                if (decided[0] || attempt >= IN_PLACE_ATTEMPTS || !RetryableFailures.isRetryable(failure)) {
                    throw failure;
                }
            }
        }
    }

    /**
     * Decides the command on the calling thread, inside the transaction the caller already holds
     * (each command gets a savepoint: Axon's units of work run NESTED), retrying a lost race here
     * too. The import uses it to commit many lines at once; the retry scheduler's thread could not
     * see the caller's uncommitted events and would wait on them forever.
     */
    public Dispatched dispatchInPlace(BudgetCommand command, RequestMetadata metadata) {
        for (int attempt = 1; ; attempt++) {
            try {
                return dispatch(inPlaceGateway, command, metadata);
            } catch (RuntimeException failure) {
                if (attempt >= IN_PLACE_ATTEMPTS || !RetryableFailures.isRetryable(failure)) {
                    throw failure;
                }
            }
        }
    }

    /**
     * Gives the events applied directly in {@code unitOfWork}, without a command message (an import batch
     * deciding lines on their aggregates: {@code BudgetLineDecisions}), the metadata a dispatched command's
     * events get from its message: who recorded it, for whom, the correlation id.
     */
    public void correlate(UnitOfWork<?> unitOfWork, RequestMetadata metadata) {
        Map<String, ?> data = correlation.correlationDataFor(new GenericMessage<>(metadata, metadata.toMetaData()));
        unitOfWork.registerCorrelationDataProvider(message -> data);
    }

    private Dispatched dispatch(CommandGateway via, BudgetCommand command, RequestMetadata metadata) {
        String receipt = receipts.open();
        try {
            Object result = via.sendAndWait(command, metadata.toMetaData().and(CommandReceipts.RECEIPT, receipt));
            List<CommandReceipts.Stored> stored = receipts.close(receipt);
            Long position = stored.stream()
                    .map(CommandReceipts.Stored::position)
                    .reduce((a, b) -> a == null || b == null ? null : Math.max(a, b))
                    .orElse(null);
            return new Dispatched(
                    command,
                    result,
                    stored.stream().map(s -> RecordedEventRef.of(s.event())).toList(),
                    position);
        } finally {
            receipts.close(receipt);
        }
    }

    /**
     * The log position after a dispatched command: the latest of its events, as their INSERT returned
     * it; only a command that stored nothing asks the store (the head).
     */
    public long positionAfter(Dispatched dispatched) {
        return dispatched.position() != null ? dispatched.position() : eventLog.positionOf(dispatched.eventIds());
    }

    /**
     * The outcome of one command: the handler's result, the events stored for it and the position of
     * the last of them ({@code null} when none was stored, or when the command was decided inside an
     * import batch whose write is still to come).
     */
    public record Dispatched(BudgetCommand command, Object result, List<RecordedEventRef> recorded, Long position) {

        public List<String> eventIds() {
            return recorded.stream().map(RecordedEventRef::eventId).toList();
        }
    }
}
