package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.consumer.Projection;
import io.budgetmonitor.scoring.inputs.BatchProjector;
import io.budgetmonitor.scoring.projection.DepartmentYear;
import io.budgetmonitor.scoring.projection.ProjectionAnnouncer;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * scoring-service's projection (指标输入): the events' change to the indicator inputs with a constant
 * number of statements ({@link BatchProjector}), then the projected scores of the department-years they
 * touched, in the consumer's transaction. A score that changed is written to the outbox in that same
 * transaction ({@link ProjectionAnnouncer}), and the outbox wakes its relay after the commit: nothing is left
 * to do once committed.
 */
@Component
class InputsProjection implements Projection<List<ProjectedScoreChanged>> {

    private final BatchProjector projector;
    private final ProjectionAnnouncer projections;

    InputsProjection(BatchProjector projector, ProjectionAnnouncer projections) {
        this.projector = projector;
        this.projections = projections;
    }

    @Override
    public List<ProjectedScoreChanged> apply(List<RecordedEvent> events) {
        projector.apply(events);
        // only what was applied can move a projection; redeliveries cannot
        return projections.recompute(DepartmentYear.of(events));
    }
}
