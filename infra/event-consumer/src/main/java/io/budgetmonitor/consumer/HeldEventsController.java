package io.budgetmonitor.consumer;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The held events an operator looks at before they time out: which aggregate waits for which number. */
@RestController
class HeldEventsController {

    static final String PATH = "/api/v1/admin/consumer/held";

    private final ExactlyOnceConsumer<?> consumer;
    private final ConsumerSettings settings;

    HeldEventsController(ExactlyOnceConsumer<?> consumer, ConsumerSettings settings) {
        this.consumer = consumer;
        this.settings = settings;
    }

    record HeldView(
            String aggregateId,
            long sequenceNumber,
            String eventId,
            String type,
            long position,
            Integer partition,
            Long offset,
            Instant heldAt) {}

    record HeldList(long count, long oldestSeconds, String holdTimeout, String onHoldTimeout, List<HeldView> held) {}

    @GetMapping(PATH)
    HeldList held(@RequestParam(defaultValue = "100") int limit) {
        int bounded = Math.max(1, Math.min(limit, 1000));
        ConsumerStore store = consumer.store();
        ConsumerStore.HeldSummary summary = store.heldSummary();
        List<HeldView> held = store.held(bounded).stream()
                .map(h -> new HeldView(
                        h.event().aggregateId(),
                        h.event().sequenceNumber(),
                        h.event().eventId(),
                        h.event().type(),
                        h.event().position(),
                        h.partition(),
                        h.offset(),
                        h.heldAt()))
                .toList();
        return new HeldList(
                summary.count(),
                summary.oldestSeconds(),
                settings.holdTimeout().toString(),
                settings.onHoldTimeout(),
                held);
    }
}
