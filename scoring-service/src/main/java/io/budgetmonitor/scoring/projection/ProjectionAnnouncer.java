package io.budgetmonitor.scoring.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.outbox.Outbox;
import io.budgetmonitor.outbox.OutboxMessage;
import io.budgetmonitor.scoring.evaluation.EvaluationService;
import io.budgetmonitor.scoring.rubric.RubricRef;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides, in the transaction of a consumed event batch, which projected scores changed: it projects
 * each department-year the batch touched once (not once per event), compares total and grade with the
 * last announcement ({@code projected_announcement}) and records the new one there, in the same
 * transaction, with its message for {@code budget.evaluations.v1} in the outbox: a change is published if
 * and only if the batch that decided it committed, once per change (its CloudEvents id), in the order a
 * department-year's changes were decided.
 *
 * <p>The batch wrote the touched {@code department_year} rows before this runs, and holds their locks
 * until it commits, so batches of one department-year (from other partitions' consumers) project and
 * announce one after the other, each seeing the previous one's inputs.
 */
@Component
public class ProjectionAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAnnouncer.class);

    private final EvaluationService evaluations;
    private final ProjectionService projections;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate savepoint;
    private final Outbox outbox;

    public ProjectionAnnouncer(
            EvaluationService evaluations,
            ProjectionService projections,
            JdbcTemplate jdbc,
            Clock clock,
            PlatformTransactionManager transactions,
            Outbox outbox) {
        this.outbox = outbox;
        this.evaluations = evaluations;
        this.projections = projections;
        this.jdbc = jdbc;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * The changes to announce, already recorded as announced. A failure is logged and undone to a
     * savepoint instead of failing the batch: the inputs matter more than the announcement, and the
     * department-year's next batch projects it again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ProjectedScoreChanged> recompute(Collection<DepartmentYear> touched) {
        if (touched.isEmpty()) {
            return List.of();
        }
        try {
            return savepoint.execute(status -> changed(touched));
        } catch (RuntimeException failed) {
            log.error("could not project {} after a batch; their next batch projects them again", touched, failed);
            return List.of();
        }
    }

    private List<ProjectedScoreChanged> changed(Collection<DepartmentYear> touched) {
        LocalDate asOf = LocalDate.now(clock);
        Instant computedAt = clock.instant();
        List<ProjectedScoreChanged> changed = new ArrayList<>();
        for (DepartmentYear year : touched) {
            // no inputs yet (only events of other years) or a rubric this replica does not know: nothing to project
            Optional<EvaluationService.Prepared> prepared =
                    evaluations.preparePinned(year.department(), year.fiscalYear());
            if (prepared.isEmpty()) {
                continue;
            }
            ProjectedScore projected = projections.project(prepared.get(), asOf);
            ProjectedScoreChanged change = new ProjectedScoreChanged(
                    year.department(),
                    year.fiscalYear(),
                    asOf,
                    projected.projectedTotal(),
                    projected.projectedGrade(),
                    reference(projected.rubric()),
                    projected.position(),
                    computedAt);
            if (record(change)) {
                announce(change);
                changed.add(change);
            }
        }
        return changed;
    }

    /** Stores the change unless total and grade are what was last announced; true when stored. */
    private boolean record(ProjectedScoreChanged c) {
        return jdbc.update(
                        """
                INSERT INTO projected_announcement (department, fiscal_year, total, grade, as_of, rubric, position, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (department, fiscal_year) DO UPDATE SET total = EXCLUDED.total, grade = EXCLUDED.grade,
                  as_of = EXCLUDED.as_of, rubric = EXCLUDED.rubric, position = EXCLUDED.position, computed_at = EXCLUDED.computed_at
                WHERE projected_announcement.total <> EXCLUDED.total
                   OR projected_announcement.grade IS DISTINCT FROM EXCLUDED.grade""",
                        c.department(),
                        c.fiscalYear(),
                        c.total(),
                        c.grade(),
                        Date.valueOf(c.asOf()),
                        c.rubric(),
                        c.position(),
                        Timestamp.from(c.computedAt()))
                == 1;
    }

    private void announce(ProjectedScoreChanged change) {
        String key = Topics.departmentYearKey(change.department(), change.fiscalYear());
        try {
            outbox.append(new OutboxMessage(
                    Topics.BUDGET_EVALUATIONS,
                    key,
                    UUID.randomUUID().toString(),
                    ProjectedScoreChanged.TYPE,
                    key,
                    change.computedAt(),
                    BudgetJson.mapper().writeValueAsBytes(change)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + change, e);
        }
    }

    private static String reference(RubricRef rubric) {
        return rubric.id() + "@" + rubric.version();
    }
}
