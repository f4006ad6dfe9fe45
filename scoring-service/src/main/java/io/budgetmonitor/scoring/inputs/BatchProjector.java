package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.scoring.rubric.RubricPin;
import io.budgetmonitor.scoring.rubric.RubricRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a batch of in-order events to the indicator inputs with a constant number of statements
 * (a few preloads, one batched write per table) instead of the few per event of applying them one at a time.
 * Same result as applying them one by one; a refusal throws before anything is written.
 */
@Component
public class BatchProjector {

    private final InputsBatchStore store;
    private final RubricRegistry rubrics;
    private final DatedInputs dated;

    BatchProjector(InputsBatchStore store, RubricRegistry rubrics, DatedInputs dated) {
        this.store = store;
        this.rubrics = rubrics;
        this.dated = dated;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        // each opening pinned as of its own recording time, (keyed by event id)
        Map<String, RubricPin> pins = new HashMap<>();
        for (RecordedEvent recorded : events) {
            if (recorded.event() instanceof FiscalYearOpened opened) {
                pins.put(recorded.eventId(), rubrics.pin(opened.rubric(), recorded.recordedAt()));
            }
        }
        InputsDelta delta = store.load(events, pins);
        events.forEach(delta::apply);
        store.write(delta);
        dated.write(delta.dated);
    }
}
