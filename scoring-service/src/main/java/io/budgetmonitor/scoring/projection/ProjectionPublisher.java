package io.budgetmonitor.scoring.projection;

import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.outbox.OutboxRelay;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the consumer calls once a batch committed. The changes themselves are already in the outbox, written
 * by {@link ProjectionAnnouncer} in the batch's transaction, and the outbox wakes its relay after every
 * commit that wrote a row; this only asks for the round again when there is something to send. (The
 * consumer's call site predates the outbox; a consumer that no longer calls it loses nothing.)
 */
@Component
public class ProjectionPublisher {

    private final OutboxRelay relay;

    public ProjectionPublisher(OutboxRelay relay) {
        this.relay = relay;
    }

    public void publish(List<ProjectedScoreChanged> changes) {
        if (!changes.isEmpty()) {
            relay.wake();
        }
    }
}
