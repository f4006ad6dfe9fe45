package io.budgetmonitor.consumer;

import java.util.List;

/**
 * 已应用位置: the log position every event at or below which this reader has applied (the smallest log
 * watermark over all partitions, below any event still held; −1 before the first), and below the first event
 * whose after-commit work ({@link PositionBound}) has not committed. Read from the tables alone, so a reader's
 * own query code (an evaluation's snapshot, a read-your-writes check) can use it without depending on the
 * consumer or on the reader's consumption package, and a standby replica answers it as the consuming one does.
 */
public final class ReaderPosition {

    private final ConsumerStore store;
    private final String topic;
    private final List<PositionBound> bounds;

    ReaderPosition(ConsumerStore store, String topic, List<PositionBound> bounds) {
        this.store = store;
        this.topic = topic;
        this.bounds = List.copyOf(bounds);
    }

    public long current() {
        long position = store.position(topic);
        // the bounds are read after the bookkeeping, each in a later snapshot: an event the bookkeeping counted
        // was applied, with its pending row, before that read; the row is either still there now or its work
        // has committed. Read the other way round, work finished and events applied in between could be missed.
        for (PositionBound bound : bounds) {
            long first = bound.firstPending();
            if (first != Long.MAX_VALUE) {
                position = Math.min(position, first - 1);
            }
        }
        return position;
    }
}
