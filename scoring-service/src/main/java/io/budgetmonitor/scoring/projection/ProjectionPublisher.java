package io.budgetmonitor.scoring.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.EvaluationTopic;
import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import io.budgetmonitor.api.wire.Topics;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes projected-score changes on {@code budget.evaluations.v1} (key department:year, header
 * {@code ce_type} = {@link ProjectedScoreChanged#TYPE}), after the batch that recorded them committed.
 * Sent from the consumer's thread, batch after batch, so a department-year's announcements reach the
 * topic in the order they were computed. A failed send is logged and not retried: the change is
 * recorded as announced, so it is lost until the department-year's projection changes again
 * (docs/decisions.md, "Dashboard API").
 */
@Component
public class ProjectionPublisher {

    private static final Logger log = LoggerFactory.getLogger(ProjectionPublisher.class);

    private final KafkaTemplate<String, String> kafka;

    public ProjectionPublisher(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    public void publish(List<ProjectedScoreChanged> changes) {
        for (ProjectedScoreChanged change : changes) {
            String key = change.department() + ":" + change.fiscalYear();
            try {
                ProducerRecord<String, String> record =
                        new ProducerRecord<>(Topics.BUDGET_EVALUATIONS, key, json(change));
                record.headers()
                        .add(EvaluationTopic.TYPE_HEADER, EvaluationTopic.typeHeader(ProjectedScoreChanged.TYPE));
                kafka.send(record).whenComplete((result, error) -> {
                    if (error != null) {
                        log.error(
                                "could not publish the projected score of {} ({} {}): {}",
                                key,
                                change.total(),
                                change.grade(),
                                error.getMessage());
                    }
                });
            } catch (RuntimeException error) {
                // the batch is committed: failing the listener now would only redeliver events already applied
                log.error("could not publish the projected score of {}: {}", key, error.getMessage());
            }
        }
    }

    private static String json(ProjectedScoreChanged change) {
        try {
            return BudgetJson.mapper().writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + change, e);
        }
    }
}
