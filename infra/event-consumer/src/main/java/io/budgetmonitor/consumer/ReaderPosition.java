package io.budgetmonitor.consumer;

/**
 * 已应用位置: the log position every event at or below which this reader has applied (the smallest log
 * watermark over all partitions, below any event still held; −1 before the first). Read from the bookkeeping
 * alone, so a reader's own query code (an evaluation's snapshot, a read-your-writes check) can use it without
 * depending on the consumer or on the reader's consumption package.
 */
public final class ReaderPosition {

    private final ConsumerStore store;
    private final String topic;

    ReaderPosition(ConsumerStore store, String topic) {
        this.store = store;
        this.topic = topic;
    }

    public long current() {
        return store.position(topic);
    }
}
