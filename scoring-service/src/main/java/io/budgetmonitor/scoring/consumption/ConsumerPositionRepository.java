package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.consumer.ConsumerSettings;
import io.budgetmonitor.consumer.ConsumerStore;
import org.springframework.stereotype.Repository;

/**
 * 已应用位置: the log position every event at or below which is in the indicator inputs (the smallest log
 * watermark over all partitions; −1 before the first), read from the shared consumer's bookkeeping.
 */
@Repository
public class ConsumerPositionRepository {

    private final ConsumerStore store;
    private final String topic;

    /** The store, not the consumer: the consumer's projection needs the evaluation service, which needs this. */
    public ConsumerPositionRepository(ConsumerStore store, ConsumerSettings settings) {
        this.store = store;
        this.topic = settings.topic();
    }

    public long position() {
        return store.position(topic);
    }
}
