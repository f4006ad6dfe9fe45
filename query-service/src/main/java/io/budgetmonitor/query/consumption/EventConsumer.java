package io.budgetmonitor.query.consumption;

import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Reads {@code budget.events.v1} in batches as consumer group {@code query-service}. Offsets are
 * committed by the container (ack mode BATCH) after this method returns, i.e. after the database
 * transaction has committed; a crash in between only causes redeliveries, which are no-ops. The
 * listener runs only on the consuming replica ({@link ConsumingReplica}).
 */
@Component
public class EventConsumer implements ConsumingReplica.Role {
    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    static final String LISTENER = "budget-events";

    private final EventApplier applier;
    private final ConsumptionMetrics metrics;
    private final List<AppliedEventsListener> listeners;
    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;

    public EventConsumer(
            EventApplier applier,
            ConsumptionMetrics metrics,
            List<AppliedEventsListener> listeners,
            ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        this.applier = applier;
        this.metrics = metrics;
        this.listeners = listeners;
        this.registry = registry;
    }

    /** The replica that holds the lock consumes; see {@link ConsumingReplica}. */
    @Override
    public void startConsuming() {
        applier.reloadFromStore(); // another replica may have applied events since this one last did
        registry.getObject().getListenerContainer(LISTENER).start();
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
    public void onEvents(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        BatchOutcome outcome = applier.applyRecords(records);
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0L);
        }
        metrics.lag(lag);
        if (outcome.duplicates() > 0 || outcome.held() > 0 || outcome.parked() > 0) {
            log.info(
                    "batch: {} applied, {} duplicates, {} held, {} parked",
                    outcome.applied(),
                    outcome.duplicates(),
                    outcome.held(),
                    outcome.parked());
        }
        for (AppliedEventsListener listener : listeners) {
            try {
                listener.afterCommit(outcome.touched(), lag);
            } catch (RuntimeException e) {
                // the events are committed; a failing evaluation is retried by the scheduled re-evaluation
                log.error("after-commit listener {} failed", listener.getClass().getSimpleName(), e);
            }
        }
    }
}
