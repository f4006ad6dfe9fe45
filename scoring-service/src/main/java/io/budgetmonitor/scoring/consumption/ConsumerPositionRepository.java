package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.consumer.ExactlyOnceConsumer;
import org.springframework.stereotype.Repository;

/**
 * 已应用位置: the log position every event at or below which is in the indicator inputs (the smallest log
 * watermark over all partitions; −1 before the first), read from the shared consumer's bookkeeping.
 */
@Repository
public class ConsumerPositionRepository {

    private final ExactlyOnceConsumer<?> consumer;

    public ConsumerPositionRepository(ExactlyOnceConsumer<?> consumer) {
        this.consumer = consumer;
    }

    public long position() {
        return consumer.store().position(consumer.topic());
    }
}
