package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.wire.RecordedEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Applies a batch of in-order events to the indicator inputs with a constant number of statements
 * (a few preloads, one batched write per table) instead of {@link InputsProjector}'s few per event.
 * Same result as applying them one by one; a refusal throws before anything is written.
 */
@Component
public class BatchProjector {

    private final InputsBatchStore store;

    BatchProjector(InputsBatchStore store) {
        this.store = store;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        InputsDelta delta = store.load(events);
        events.forEach(delta::apply);
        store.write(delta);
    }
}
