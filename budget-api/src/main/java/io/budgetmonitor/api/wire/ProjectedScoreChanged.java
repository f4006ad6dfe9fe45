package io.budgetmonitor.api.wire;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 预计得分变化: scoring-service's projected year-end score of a department-year changed (total or grade)
 * since it last announced one. Published on {@code budget.evaluations.v1} next to the evaluation
 * snapshots, same key ({@code department:fiscalYear}), told apart by the {@link EvaluationTopic#TYPE_HEADER}
 * header ({@link #TYPE}). Published through scoring-service's outbox, in the order the changes were decided;
 * its CloudEvents id ({@code ce_id}) is the change's own id, the same on a re-send after a crash. A reader
 * keeps the one with the latest {@code computedAt}, which also makes a re-send harmless.
 *
 * @param asOf       the day the run rate was measured on (the projection extrapolates from it)
 * @param rubric     the rubric it was projected with, {@code id@version} (the year's pinned one)
 * @param position   the event-log position the inputs reflect
 * @param computedAt when scoring-service computed it
 */
public record ProjectedScoreChanged(
        String department,
        int fiscalYear,
        LocalDate asOf,
        BigDecimal total,
        String grade,
        String rubric,
        long position,
        Instant computedAt) {

    public static final String TYPE = "io.budgetmonitor.ProjectedScoreChanged.v1";
}
