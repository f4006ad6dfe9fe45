package io.budgetmonitor.query.alerts;

import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.query.consumption.ConsumingReplica;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes transitions to {@code budget.alerts.v1} as CloudEvents (key = alert id) from the
 * {@code alert_transition} table used as an outbox: a transition is marked published only after the
 * broker acknowledged it, so a crash means a re-send (at least once, in id order), never a loss.
 */
@Component
public class AlertPublisher implements TransitionListener {
    public static final String TYPE = "io.budgetmonitor.AlertTransition.v1";
    private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);
    private static final URI SOURCE = URI.create("urn:budget-monitor:query-service");

    private final AlertRepository repository;
    private final KafkaTemplate<String, CloudEvent> kafka;
    private final String topic;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-kafka-publisher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ConsumingReplica replica;

    public AlertPublisher(
            AlertRepository repository,
            KafkaTemplate<String, CloudEvent> kafka,
            @Value("${budget.kafka.alerts-topic:budget.alerts.v1}") String topic,
            ConsumingReplica replica) {
        this.replica = replica;
        this.repository = repository;
        this.kafka = kafka;
        this.topic = topic;
    }

    @Override
    public void transitionsCommitted() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(this::publishPending);
        }
    }

    @Scheduled(fixedDelayString = "${budget.alerts.publish-retry-millis:5000}")
    public void retry() {
        transitionsCommitted();
    }

    private void publishPending() {
        queued.set(false);
        if (!replica.isConsuming()) {
            return; // one publisher: the consuming replica, which also writes the transitions
        }
        try {
            List<AlertTransition> pending;
            while (!(pending = repository.unpublished(200)).isEmpty()) {
                for (AlertTransition t : pending) {
                    kafka.send(topic, Long.toString(t.alertId()), toCloudEvent(t))
                            .get(30, TimeUnit.SECONDS);
                    repository.markPublished(t.id());
                }
            }
        } catch (Exception e) {
            log.warn("publishing alert transitions failed; will retry: {}", e.toString());
        }
    }

    static CloudEvent toCloudEvent(AlertTransition t) {
        try {
            return CloudEventBuilder.v1()
                    .withId("alert-transition-" + t.id())
                    .withSource(SOURCE)
                    .withType(TYPE)
                    .withSubject(Long.toString(t.alertId()))
                    .withTime(t.at().atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withData(BudgetJson.mapper().writeValueAsBytes(t))
                    .withExtension("transitionid", t.id())
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
