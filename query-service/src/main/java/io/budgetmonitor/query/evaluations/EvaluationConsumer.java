package io.budgetmonitor.query.evaluations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.EvaluationTaken;
import io.budgetmonitor.api.wire.EvaluationTopic;
import io.budgetmonitor.api.wire.ProjectedScoreChanged;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads {@code budget.evaluations.v1}, so the department list shows the latest evaluation total and grade
 * (自评得分, 等级) and the projected score (预计得分) without calling scoring-service. The {@code ce_type}
 * header ({@link EvaluationTopic}) tells the two kinds apart: evaluation snapshots go to
 * {@link EvaluationStore} (a message without the header is one), projected-score changes to
 * {@link ProjectionStore}. Every replica may consume it (its own consumer group,
 * {@code <group-id>-evaluations}): both stores are idempotent (a snapshot by its id, a projection by its
 * department-year and computedAt), so whichever replica stores a message, and however often, the rows are
 * the same. Offsets are committed after the batch's transaction; an unreadable message, or one of a type
 * this reader does not know, is parked in {@code dead_letter} and the topic goes on.
 */
@Component
public class EvaluationConsumer {
    private static final Logger log = LoggerFactory.getLogger(EvaluationConsumer.class);

    private final EvaluationStore store;
    private final ProjectionStore projections;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper = BudgetJson.mapper();

    public EvaluationConsumer(
            EvaluationStore store, ProjectionStore projections, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.store = store;
        this.projections = projections;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Off in a one-shot run ({@code --rebuild}), which consumes nothing. */
    @KafkaListener(
            id = "budget-evaluations",
            topics = "${budget.kafka.evaluations-topic:budget.evaluations.v1}",
            groupId = "${budget.kafka.group-id:query-service}-evaluations",
            batch = "true",
            autoStartup = "${budget.consumption.enabled:true}")
    public void onEvaluations(List<ConsumerRecord<String, byte[]>> records) {
        List<EvaluationTaken> evaluations = new ArrayList<>(records.size());
        List<ProjectedScoreChanged> projected = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                try {
                    String type = EvaluationTopic.typeOf(record.headers());
                    if (type.equals(EvaluationTaken.TYPE)) {
                        evaluations.add(evaluation(record));
                    } else if (type.equals(ProjectedScoreChanged.TYPE)) {
                        projected.add(projection(record));
                    } else {
                        throw new IOException("unknown message type " + type);
                    }
                } catch (IOException | RuntimeException e) {
                    park(record, e);
                }
            }
            int stored = store.record(evaluations);
            if (stored < evaluations.size()) {
                log.info("evaluations: {} stored, {} already known", stored, evaluations.size() - stored);
            }
            int kept = projections.record(projected);
            if (kept < projected.size()) {
                log.info(
                        "projected scores: {} kept, {} already known or older than the stored one",
                        kept,
                        projected.size() - kept);
            }
        });
    }

    private EvaluationTaken evaluation(ConsumerRecord<String, byte[]> record) throws IOException {
        EvaluationTaken evaluation = mapper.readValue(record.value(), EvaluationTaken.class);
        if (evaluation.id() == null
                || evaluation.department() == null
                || evaluation.total() == null
                || evaluation.createdAt() == null) {
            throw new IOException("an evaluation needs id, department, total and createdAt");
        }
        return evaluation;
    }

    private ProjectedScoreChanged projection(ConsumerRecord<String, byte[]> record) throws IOException {
        ProjectedScoreChanged change = mapper.readValue(record.value(), ProjectedScoreChanged.class);
        if (change.department() == null
                || change.fiscalYear() == 0
                || change.total() == null
                || change.asOf() == null
                || change.computedAt() == null) {
            throw new IOException("a projected score needs department, fiscalYear, total, asOf and computedAt");
        }
        return change;
    }

    private void park(ConsumerRecord<String, byte[]> record, Exception error) {
        log.warn(
                "parking unreadable evaluation message at {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                error.toString());
        jdbc.update(
                "insert into dead_letter (topic, kafka_partition, kafka_offset, record_key, payload, error) "
                        + "values (?,?,?,?,?,?)",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                error.toString());
    }
}
