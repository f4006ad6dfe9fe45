package io.budgetmonitor.command.dispatch;

import io.budgetmonitor.command.eventstore.PostgresEventStorageEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Collects the events each dispatched command actually stored, so the response can say what was
 * recorded and at which log position (as the append's RETURNING gave it: no query).
 *
 * <p>The dispatcher opens a receipt and puts its id into the command's metadata (not copied into
 * events). An event dispatch interceptor on the event bus finds the receipt through the command of
 * the current unit of work and adds each event <em>after commit</em>: a retried attempt whose
 * transaction rolled back contributes nothing. A retry runs on the retry scheduler's thread, which is
 * why this is keyed by metadata and not held in a thread-local.
 */
public class CommandReceipts {

    static final String RECEIPT = "budgetmonitor.receipt";

    private final Map<String, List<Stored>> open = new ConcurrentHashMap<>();

    /** An event as stored, with its log position (null only if the store did not report one). */
    record Stored(EventMessage<?> event, Long position) {}

    String open() {
        String id = IdentifierFactory.getInstance().generateIdentifier();
        open.put(id, new CopyOnWriteArrayList<>());
        return id;
    }

    List<Stored> close(String id) {
        List<Stored> events = open.remove(id);
        return events == null ? List.of() : List.copyOf(events);
    }

    /** The interceptor to register on the event bus (event store). */
    public MessageDispatchInterceptor<EventMessage<?>> interceptor() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
                    List<? extends EventMessage<?>> messages) {
                return (index, event) -> {
                    if (CurrentUnitOfWork.isStarted()) {
                        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
                        Object receiptId = root.getMessage() == null
                                ? null
                                : root.getMessage().getMetaData().get(RECEIPT);
                        List<Stored> receipt = receiptId == null ? null : open.get(receiptId.toString());
                        if (receipt != null) {
                            // the append (at prepare-commit) has put the position the INSERT returned
                            root.afterCommit(u -> receipt.add(new Stored(
                                    event,
                                    PostgresEventStorageEngine.positionsOf(u).get(event.getIdentifier()))));
                        }
                    }
                    return event;
                };
            }
        };
    }
}
