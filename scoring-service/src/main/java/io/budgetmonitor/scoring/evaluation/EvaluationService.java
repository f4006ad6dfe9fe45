package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.consumption.ConsumerPositionRepository;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.InputsRepository;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricRegistry;
import io.budgetmonitor.scoring.web.NotFoundException;
import io.budgetmonitor.scoring.web.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.UUID;

/** Takes snapshots: reads the maintained inputs (never the events), applies the rubric, stores, announces. */
@Service
public class EvaluationService {

    /** Inputs as read for one evaluation, with the rubric that applies. */
    public record Prepared(IndicatorInputs inputs, Rubric rubric) {
    }

    private final InputsRepository inputs;
    private final ConsumerPositionRepository position;
    private final RubricRegistry rubrics;
    private final ScoringEngine engine;
    private final EvaluationRepository repository;
    private final EvaluationPublisher publisher;
    private final Clock clock;
    private final TransactionTemplate consistentRead;
    private final TransactionTemplate write;

    public EvaluationService(InputsRepository inputs, ConsumerPositionRepository position, RubricRegistry rubrics,
                             ScoringEngine engine, EvaluationRepository repository, EvaluationPublisher publisher,
                             Clock clock, PlatformTransactionManager transactions) {
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

    public EvaluationSnapshot take(String department, int fiscalYear, String rubricReference) {
        Prepared prepared = prepare(department, fiscalYear, rubricReference);
        EvaluationResult result = engine.evaluate(prepared.rubric(), prepared.inputs());
        IndicatorInputs in = prepared.inputs();
        EvaluationSnapshot snapshot = EvaluationSnapshot.of(UUID.randomUUID(), department, fiscalYear, in.departmentName(),
                prepared.rubric().name().zh(), in.position(), clock.instant(), result, prepared.rubric().assumptions());
        write.executeWithoutResult(status -> repository.insert(snapshot));
        publisher.publish(snapshot);
        return snapshot;
    }

    /** The inputs and rubric of a department-year; 404 when no event of it was applied, 422 for an unknown rubric. */
    public Prepared prepare(String department, int fiscalYear, String rubricReference) {
        IndicatorInputs loaded = consistentRead.execute(status ->
                inputs.load(department, fiscalYear, position.position()).orElse(null));
        if (loaded == null) {
            throw new NotFoundException("no events of department " + department + " in fiscal year " + fiscalYear
                    + " have been applied: nothing to evaluate (check the department code and year, or wait for GET /api/v1/position)");
        }
        String reference = rubricReference != null && !rubricReference.isBlank() ? rubricReference
                : loaded.rubric() != null && !loaded.rubric().isBlank() ? loaded.rubric() : rubrics.defaultRubric();
        Rubric rubric = rubrics.find(reference).orElseThrow(() -> new UnprocessableException("rubric",
                "unknown rubric " + reference + "; known: " + rubrics.all().stream().map(r -> r.id() + "@" + r.version()).toList()));
        return new Prepared(loaded, rubric);
    }

    public EvaluationSnapshot get(UUID id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("no evaluation " + id));
    }
}
