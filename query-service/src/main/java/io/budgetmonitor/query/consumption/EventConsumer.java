package io.budgetmonitor.query.consumption;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.consumer.ExactlyOnceConsumer;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Reads {@code budget.events.v1} in batches as consumer group {@code query-service} and hands each poll to
 * the shared exactly-once consumer (infra/event-consumer) with this service's {@link ReadModelProjection}.
 * Offsets are committed by the container (ack mode BATCH, asynchronously) after the database transaction has
 * committed.
 * The listener runs only on the consuming replica ({@link ConsumingReplica}).
 */
@Component
public class EventConsumer implements ConsumingReplica.Role {
    static final String LISTENER = "budget-events";

    private final ExactlyOnceConsumer<Set<FiscalYearId>> consumer;
    private final ReadModelProjection projection;
    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;

    public EventConsumer(
            ExactlyOnceConsumer<Set<FiscalYearId>> consumer,
            ReadModelProjection projection,
            ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        this.consumer = consumer;
        this.projection = projection;
        this.registry = registry;
    }

    /** The replica that holds the lock consumes; see {@link ConsumingReplica}. */
    @Override
    public void startConsuming() {
        projection.reload();
        MessageListenerContainer container = registry.getObject().getListenerContainer(LISTENER);
        // the offsets are committed without waiting for the broker's answer before the next poll: they only
        // save a redelivery, which the exactly-once consumer turns into a no-op (sequence numbers and watermarks
        // are written in the batch's own transaction), and a synchronous commit put a broker round trip
        // between every batch and the next on the one consumer thread
        container.getContainerProperties().setSyncCommits(false);
        container.start();
    }

    @Override
    public void stopConsuming() {
        MessageListenerContainer container = registry.getObject().getListenerContainer(LISTENER);
        if (container != null) {
            container.stop();
        }
    }

    @KafkaListener(
            id = LISTENER,
            topics = "${budget.kafka.events-topic:budget.events.v1}",
            groupId = "${budget.kafka.group-id:query-service}",
            batch = "true",
            autoStartup = "false")
    public void onEvents(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> kafka) {
        long lag = 0;
        for (TopicPartition tp : kafka.assignment()) {
            lag += kafka.currentLag(tp).orElse(0L);
        }
        consumer.metrics().lag(lag);
        consumer.accept(records);
    }
}
