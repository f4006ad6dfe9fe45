package io.budgetmonitor.api.wire;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What a reader of {@code budget.evaluations.v1} may rely on in each message: an evaluation snapshot
 * (绩效自评快照) was taken. scoring-service publishes the whole snapshot as JSON (key
 * {@code department:fiscalYear}); these are the fields of it that are contract, and a reader ignores the
 * rest ({@link BudgetJson} tolerates unknown fields). Published through scoring-service's outbox in the
 * transaction that stored the snapshot; a message may arrive more than once (a re-send after a crash): {@code id},
 * also its CloudEvents id ({@code ce_id}), is the idempotency key. Its type ({@link EvaluationTopic}) is {@link #TYPE}, or absent on older messages.
 *
 * @param createdAt when the snapshot was taken
 * @param position  the event-log position its inputs reflect
 * @param takenBy   评价人, null on snapshots taken before it was recorded
 */
public record EvaluationTaken(
        UUID id,
        String department,
        int fiscalYear,
        BigDecimal total,
        String grade,
        Instant createdAt,
        long position,
        String takenBy) {

    public static final String TYPE = "io.budgetmonitor.EvaluationTaken.v1";
}
