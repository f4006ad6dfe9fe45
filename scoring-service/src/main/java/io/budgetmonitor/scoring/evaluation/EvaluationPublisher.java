package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.api.wire.EvaluationTaken;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.outbox.Outbox;
import io.budgetmonitor.outbox.OutboxMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts a snapshot on {@code budget.evaluations.v1} through the outbox, in the transaction that stores it: a
 * snapshot that was rolled back is never announced, one that was committed is announced even if the process
 * dies right after. The message is the whole snapshot as JSON ({@link EvaluationTaken} names the fields that
 * are contract), key department:year, {@code ce_type} {@link EvaluationTaken#TYPE}, {@code ce_id} the
 * snapshot's id.
 */
@Component
public class EvaluationPublisher {

    private final Outbox outbox;
    private final EvaluationRepository repository;

    public EvaluationPublisher(Outbox outbox, EvaluationRepository repository) {
        this.outbox = outbox;
        this.repository = repository;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(EvaluationSnapshot snapshot) {
        outbox.append(new OutboxMessage(
                Topics.BUDGET_EVALUATIONS,
                Topics.departmentYearKey(snapshot.department(), snapshot.fiscalYear()),
                snapshot.id().toString(),
                EvaluationTaken.TYPE,
                Topics.departmentYearKey(snapshot.department(), snapshot.fiscalYear()),
                snapshot.createdAt(),
                repository.write(snapshot).getBytes(StandardCharsets.UTF_8)));
    }
}
