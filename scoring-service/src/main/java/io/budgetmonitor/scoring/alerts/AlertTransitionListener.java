package io.budgetmonitor.scoring.alerts;

import io.budgetmonitor.api.wire.AlertTransitioned;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.Topics;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes query-service's {@code budget.alerts.v1} ({@link AlertTransitioned}) into the alerts of each
 * department-year ({@link YearAlertRepository}), which the self-evaluation report's draft cites. Each record
 * in its own transaction (the volume is a few hundred transitions a year per department); the offsets are
 * committed after the batch, so a crash redelivers, and the CloudEvents id makes a redelivery a no-op.
 *
 * <p>A record that is not a readable {@link AlertTransitioned} (another type, broken JSON) is parked with its
 * bytes and error ({@code alert_transition_parked}), counted ({@code scoring.alerts.unreadable}) and logged,
 * not looped on: retrying cannot make it readable, and what was received stays on record.
 */
@Component
public class AlertTransitionListener {

    private static final Logger log = LoggerFactory.getLogger(AlertTransitionListener.class);

    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();
    private final YearAlertRepository alerts;
    private final TransactionTemplate transaction;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter unreadable;

    public AlertTransitionListener(
            YearAlertRepository alerts, PlatformTransactionManager transactions, MeterRegistry meters) {
        this.alerts = alerts;
        this.transaction = new TransactionTemplate(transactions);
        this.applied = meters.counter("scoring.alerts.applied");
        this.duplicates = meters.counter("scoring.alerts.duplicates");
        this.unreadable = meters.counter("scoring.alerts.unreadable");
    }

    @KafkaListener(
            id = "scoring-alerts",
            topics = Topics.BUDGET_ALERTS,
            groupId = "scoring-service-alerts",
            batch = "true",
            autoStartup = "${scoring.listener.auto-startup:true}")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            CloudEvent event;
            AlertTransitioned transition;
            try {
                event = deserializer.deserialize(record.topic(), record.headers(), record.value());
                if (!AlertTransitioned.TYPE.equals(event.getType()) || event.getData() == null) {
                    throw new IllegalArgumentException("not an " + AlertTransitioned.TYPE + ": " + event.getType());
                }
                transition = BudgetJson.mapper().readValue(event.getData().toBytes(), AlertTransitioned.class);
            } catch (Exception e) {
                unreadable.increment();
                alerts.park(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        record.value(),
                        String.valueOf(e).replace('\u0000', ' '));
                log.warn(
                        "parked unreadable alert transition at {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.toString());
                continue;
            }
            String id = event.getId();
            Boolean fresh = transaction.execute(status -> alerts.receive(id, transition));
            (Boolean.TRUE.equals(fresh) ? applied : duplicates).increment();
        }
    }
}
