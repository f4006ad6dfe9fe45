package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.consumer.ReaderPosition;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.InputsRepository;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricRef;
import io.budgetmonitor.scoring.rubric.RubricRegistry;
import io.budgetmonitor.scoring.web.NotFoundException;
import io.budgetmonitor.scoring.web.UnprocessableException;
import io.budgetmonitor.security.DepartmentScope;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Takes snapshots: reads the maintained inputs (never the events), applies the rubric, stores, announces. */
@Service
public class EvaluationService {

    /** Inputs as read for one evaluation, with the rubric that applies. */
    public record Prepared(IndicatorInputs inputs, Rubric rubric) {}

    private final InputsRepository inputs;
    private final ReaderPosition position;
    private final RubricRegistry rubrics;
    private final ScoringEngine engine;
    private final EvaluationRepository repository;
    private final EvaluationPublisher publisher;
    private final Clock clock;
    private final TransactionTemplate consistentRead;
    private final TransactionTemplate write;

    public EvaluationService(
            InputsRepository inputs,
            ReaderPosition position,
            RubricRegistry rubrics,
            ScoringEngine engine,
            EvaluationRepository repository,
            EvaluationPublisher publisher,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.inputs = inputs;
        this.position = position;
        this.rubrics = rubrics;
        this.engine = engine;
        this.repository = repository;
        this.publisher = publisher;
        this.clock = clock;
        // one REPEATABLE READ snapshot: the inputs and the position they reflect come from the same commit
        this.consistentRead = new TransactionTemplate(transactions);
        this.consistentRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.consistentRead.setReadOnly(true);
        this.write = new TransactionTemplate(transactions);
    }

    /** Takes a snapshot with the year's pinned rubric, or the one requested; {@code takenBy} is the principal. */
    public EvaluationSnapshot take(String department, int fiscalYear, String rubricReference, String takenBy) {
        Prepared prepared = prepare(department, fiscalYear, rubricReference);
        EvaluationResult result = engine.evaluate(prepared.rubric(), prepared.inputs());
        IndicatorInputs in = prepared.inputs();
        EvaluationSnapshot snapshot = EvaluationSnapshot.of(
                UUID.randomUUID(),
                department,
                fiscalYear,
                in.departmentName(),
                prepared.rubric().name().zh(),
                in.position(),
                clock.instant(),
                takenBy,
                result,
                prepared.rubric().assumptions(),
                ExecutionSummary.of(in));
        write.executeWithoutResult(status -> {
            repository.insert(snapshot);
            publisher.publish(snapshot);
        });
        return snapshot;
    }

    /**
     * The inputs and rubric of a department-year; 404 when no event of it was applied, 422 for an unknown
     * rubric, 400 for a reference that does not parse.
     */
    public Prepared prepare(String department, int fiscalYear, String rubricReference) {
        IndicatorInputs loaded = consistentRead.execute(status ->
                inputs.load(department, fiscalYear, position.current()).orElse(null));
        if (loaded == null) {
            throw new NotFoundException(
                    "no events of department " + department + " in fiscal year " + fiscalYear
                            + " have been applied: nothing to evaluate (check the department code and year, or wait for GET /api/v1/position)");
        }
        return new Prepared(loaded, rubric(scoringReference(rubricReference, loaded.rubric())));
    }

    /** A rubric by reference; 422 naming the known ones when there is none. */
    private Rubric rubric(String reference) {
        return rubrics.find(reference)
                .orElseThrow(() -> new UnprocessableException(
                        "rubric",
                        "unknown rubric " + reference + "; known: "
                                + rubrics.all().stream()
                                        .map(r -> r.id() + "@" + r.version())
                                        .toList()));
    }

    /**
     * 评价方案对比: the year's current inputs, read once, scored under {@code rubricReference} (null: the
     * pinned one) and under {@code otherReference}, compared indicator by indicator. Nothing is stored.
     */
    public RubricComparison compare(String department, int fiscalYear, String rubricReference, String otherReference) {
        Prepared first = prepare(department, fiscalYear, rubricReference);
        Rubric other = rubric(scoringReference(otherReference, first.inputs().rubric()));
        IndicatorInputs in = first.inputs();
        return RubricComparison.between(
                new RubricComparison.IndicatorEvaluation(first.rubric(), engine.evaluate(first.rubric(), in)),
                new RubricComparison.IndicatorEvaluation(other, engine.evaluate(other, in)),
                department,
                fiscalYear,
                in.position());
    }

    /**
     * The inputs and the pinned rubric of a department-year, read in the caller's transaction (so a
     * consumer sees the batch it has just written), or empty when it has no inputs or its rubric is
     * unknown here. Unlike {@link #prepare} it throws nothing a caller would have to undo.
     */
    public Optional<Prepared> preparePinned(String department, int fiscalYear) {
        // In the consumer's transaction the reader position lags what that transaction has just applied: it is
        // the smallest log watermark committed so far, and the watermark covering the batch arrives after the
        // batch's events. The inputs reflect at least the year's last applied event, so that is their position
        // when it is ahead (an announcement then says which event it includes, as with one partition before).
        long reflected = Math.max(position.current(), inputs.lastApplied(department, fiscalYear));
        return inputs.load(department, fiscalYear, reflected)
                .flatMap(loaded -> rubrics.find(scoringReference(null, loaded.rubric()))
                        .map(rubric -> new Prepared(loaded, rubric)));
    }

    /**
     * Which rubric scores a year: the pinned one ({@code id@version}, fixed when the year was opened)
     * unless the evaluator asks otherwise. Asking for {@code id@version} scores with exactly that
     * version; asking for the pinned rubric's bare id keeps the pinned version (a newer upload is used
     * only when asked for by number); another bare id means that rubric's latest version.
     */
    private String scoringReference(String requested, String pinned) {
        String fallback = pinned != null && !pinned.isBlank() ? pinned : rubrics.defaultRubric();
        if (requested == null || requested.isBlank()) {
            return fallback;
        }
        RubricRef.Reference asked = RubricRef.Reference.parse(requested);
        if (asked.version().isEmpty()
                && asked.id().equals(RubricRef.Reference.parse(fallback).id())) {
            return fallback;
        }
        return requested.strip();
    }

    /**
     * A snapshot the caller may see. One of a department outside the caller's scope is answered exactly
     * like one that does not exist, so its id reveals nothing.
     */
    public EvaluationSnapshot get(UUID id, DepartmentScope scope) {
        return repository
                .find(id)
                .filter(snapshot -> scope.includes(snapshot.department()))
                .orElseThrow(() -> new NotFoundException("no evaluation " + id));
    }
}
