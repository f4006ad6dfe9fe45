package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.consumer.Projection;
import io.budgetmonitor.scoring.inputs.BatchProjector;
import io.budgetmonitor.scoring.projection.DepartmentYear;
import io.budgetmonitor.scoring.projection.ProjectionAnnouncer;
import io.budgetmonitor.scoring.projection.ProjectionPublisher;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * scoring-service's projection (指标输入): the events' change to the indicator inputs with a constant
 * number of statements ({@link BatchProjector}), then the projected scores of the department-years they
 * touched, in the consumer's transaction; once committed, the scores that changed are announced.
 */
@Component
class InputsProjection implements Projection<List<ProjectedScoreChanged>> {

    private final BatchProjector projector;
    private final ProjectionAnnouncer projections;
    private final ProjectionPublisher announcements;

    InputsProjection(BatchProjector projector, ProjectionAnnouncer projections, ProjectionPublisher announcements) {
        this.projector = projector;
        this.projections = projections;
        this.announcements = announcements;
    }

    @Override
    public List<ProjectedScoreChanged> apply(List<RecordedEvent> events) {
        projector.apply(events);
        // only what was applied can move a projection; redeliveries cannot
        return projections.recompute(DepartmentYear.of(events));
    }

    @Override
    public void committed(List<ProjectedScoreChanged> changed) {
        announcements.publish(changed);
    }
}
