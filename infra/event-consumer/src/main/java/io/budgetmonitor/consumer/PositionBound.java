package io.budgetmonitor.consumer;

/**
 * Work a reader does after the consumer's commit, on a thread of its own, that the position it reports must
 * not overtake (query-service: the monitor's alert evaluation). {@code /api/v1/position} is a read-your-writes
 * barrier: a client that sees position ≥ p reads every effect of the events up to p, the work done after the
 * commit included. A reader implements this with rows written in the consumer's transaction and removed in
 * the transaction that does the work, so a crash in between leaves the position where the work stopped.
 */
public interface PositionBound {

    /** The lowest log position whose after-commit work has not committed yet; {@link Long#MAX_VALUE} if none. */
    long firstPending();
}
