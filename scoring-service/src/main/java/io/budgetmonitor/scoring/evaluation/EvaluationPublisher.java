package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.api.wire.EvaluationTaken;
import io.budgetmonitor.api.wire.EvaluationTopic;
import io.budgetmonitor.api.wire.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes each snapshot to {@code budget.evaluations.v1} as JSON, key = department:year, after the
 * snapshot is committed (a snapshot that failed to store is never announced). The {@code ce_type} header
 * says it is an {@link EvaluationTaken}: the topic also carries projected-score changes.
 */
@Component
public class EvaluationPublisher {

    private static final Logger log = LoggerFactory.getLogger(EvaluationPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final EvaluationRepository repository;

    public EvaluationPublisher(KafkaTemplate<String, String> kafka, EvaluationRepository repository) {
        this.kafka = kafka;
        this.repository = repository;
    }

    public void publish(EvaluationSnapshot snapshot) {
        // off the request thread: send() may block on topic metadata while Kafka is unreachable
        java.util.concurrent.CompletableFuture.runAsync(() -> send(snapshot)).exceptionally(error -> {
            log.error("could not publish evaluation {}: {}", snapshot.id(), error.getMessage());
            return null;
        });
    }

    private void send(EvaluationSnapshot snapshot) {
        String key = snapshot.department() + ":" + snapshot.fiscalYear();
        ProducerRecord<String, String> record =
                new ProducerRecord<>(Topics.BUDGET_EVALUATIONS, key, repository.write(snapshot));
        record.headers().add(EvaluationTopic.TYPE_HEADER, EvaluationTopic.typeHeader(EvaluationTaken.TYPE));
        kafka.send(record).whenComplete((result, error) -> {
            if (error != null) {
                // the snapshot is stored and served; the announcement can be repeated from the table
                log.error("could not publish evaluation {} ({}): {}", snapshot.id(), key, error.getMessage());
            }
        });
    }
}
