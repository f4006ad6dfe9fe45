package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.scoring.inputs.BatchProjector;
import io.budgetmonitor.scoring.projection.DepartmentYear;
import io.budgetmonitor.scoring.projection.ProjectionAnnouncer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fast path: a whole poll batch in the caller's transaction with a constant number of statements.
 * Sequence numbers are decided in memory ({@link StreamSequencer}), the inputs change accumulated in
 * memory ({@link BatchProjector}) and both written with batched statements, so the guarantees of the
 * one-by-one path hold for the batch as a unit. Anything refused throws and the caller re-applies the
 * batch one by one, which isolates and parks the poison event.
 */
@Component
class BatchApplier {

    private static final Logger log = LoggerFactory.getLogger(BatchApplier.class);

    private final StreamProgressStore streams;
    private final BatchProjector projector;
    private final ConsumerPositionRepository position;
    private final DeadLetters deadLetters;
    private final ProjectionAnnouncer projections;

    BatchApplier(
            StreamProgressStore streams,
            BatchProjector projector,
            ConsumerPositionRepository position,
            DeadLetters deadLetters,
            ProjectionAnnouncer projections) {
        this.streams = streams;
        this.projector = projector;
        this.position = position;
        this.deadLetters = deadLetters;
        this.projections = projections;
    }

    /**
     * What a committed batch did, reported only after the commit so a rolled-back attempt never counts
     * (nor announces: {@code announcements} are published only then).
     */
    record Result(StreamSequencer sequencer, List<Delivery> parked, List<ProjectedScoreChanged> announcements) {

        void report(ConsumerMetrics metrics, DeadLetters deadLetters) {
            metrics.applied.increment(sequencer.applied.size());
            metrics.duplicates.increment(sequencer.duplicates);
            metrics.held.increment(sequencer.heldCount);
            metrics.gaps.increment(sequencer.newGaps.size());
            parked.forEach(p -> deadLetters.announce(p.record(), p.unreadable()));
            for (StreamSequencer.NewGap gap : sequencer.newGaps) {
                log.warn(
                        "sequence gap in {}: expected {}, received {} (event {}, position {}); holding it until the missing events arrive",
                        gap.aggregateId,
                        gap.expected,
                        gap.received,
                        gap.eventId,
                        gap.position);
            }
            sequencer.closedGaps.forEach(id -> log.info("sequence gap in {} closed; held events applied", id));
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Result apply(List<Delivery> deliveries) {
        Set<String> aggregates = new LinkedHashSet<>();
        for (Delivery d : deliveries) {
            if (d.aggregateId() != null) {
                aggregates.add(d.aggregateId());
            }
        }
        StreamSequencer sequencer = streams.load(aggregates);
        List<Delivery> parked = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (d.isReadable()) {
                sequencer.offer(d.event());
            } else {
                // unreadable: parked as one by one, and its sequence number consumed so successors are not held
                deadLetters.insert(d.record(), null, d.aggregateId(), d.sequence(), d.unreadable());
                parked.add(d);
                if (d.hasStreamCoordinates()) {
                    sequencer.skipParked(d.aggregateId(), d.sequence());
                }
            }
        }
        projector.apply(sequencer.applied);
        streams.write(sequencer);
        sequencer.applied.stream().mapToLong(RecordedEvent::position).max().ifPresent(position::advance);
        // only what was applied (held events drained included) can move a projection; redeliveries cannot
        return new Result(sequencer, parked, projections.recompute(DepartmentYear.of(sequencer.applied)));
    }
}
