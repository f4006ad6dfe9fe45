package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.consumer.EventConsumerConfiguration;
import io.budgetmonitor.consumer.ExactlyOnceConsumer;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code budget.events.v1} as group {@code scoring-service}: every replica takes its share of the
 * partitions and hands each poll to the shared exactly-once consumer (infra/event-consumer) with this
 * service's {@link InputsProjection}. The container commits the Kafka offsets only after the batch's
 * transaction committed (ack mode BATCH).
 */
@Component
@Import(EventConsumerConfiguration.class)
public class EventConsumer {

    private final ExactlyOnceConsumer<List<ProjectedScoreChanged>> consumer;

    public EventConsumer(ExactlyOnceConsumer<List<ProjectedScoreChanged>> consumer) {
        this.consumer = consumer;
    }

    @KafkaListener(
            id = "scoring-events",
            topics = Topics.BUDGET_EVENTS,
            // another group reads the log from offset 0 into an empty database: a clean rebuild to compare with
            groupId = "${budget.kafka.group-id:scoring-service}",
            batch = "true",
            autoStartup = "${scoring.listener.auto-startup:true}")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> kafka) {
        long lag = 0;
        for (TopicPartition tp : kafka.assignment()) {
            lag += kafka.currentLag(tp).orElse(0L);
        }
        consumer.metrics().lag(lag);
        onBatch(records);
    }

    /** A poll's records (also fed directly by the benchmark). */
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        consumer.accept(records);
    }
}
