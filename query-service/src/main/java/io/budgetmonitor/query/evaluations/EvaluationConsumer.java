package io.budgetmonitor.query.evaluations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.EvaluationTaken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Reads {@code budget.evaluations.v1} into {@link EvaluationStore}, so the department list shows the
 * latest evaluation total and grade (自评得分, 等级) without calling scoring-service. Every replica may
 * consume it (its own consumer group, {@code <group-id>-evaluations}): the insert is keyed by the snapshot
 * id, so whichever replica stores it, and however often, there is one row. Offsets are committed after
 * the batch's transaction; an unreadable message is parked in {@code dead_letter} and the topic goes on.
 */
@Component
public class EvaluationConsumer {
    private static final Logger log = LoggerFactory.getLogger(EvaluationConsumer.class);

    private final EvaluationStore store;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper = BudgetJson.mapper();

    public EvaluationConsumer(EvaluationStore store, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.store = store;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Off in a one-shot run ({@code --rebuild}), which consumes nothing. */
    @KafkaListener(id = "budget-evaluations", topics = "${budget.kafka.evaluations-topic:budget.evaluations.v1}",
            groupId = "${budget.kafka.group-id:query-service}-evaluations", batch = "true",
            autoStartup = "${budget.consumption.enabled:true}")
    public void onEvaluations(List<ConsumerRecord<String, byte[]>> records) {
        List<EvaluationTaken> readable = new ArrayList<>(records.size());
        tx.executeWithoutResult(status -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                try {
                    EvaluationTaken evaluation = mapper.readValue(record.value(), EvaluationTaken.class);
                    if (evaluation.id() == null || evaluation.department() == null || evaluation.total() == null
                            || evaluation.createdAt() == null) {
                        throw new IOException("an evaluation needs id, department, total and createdAt");
                    }
                    readable.add(evaluation);
                } catch (IOException | RuntimeException e) {
                    park(record, e);
                }
            }
            int stored = store.record(readable);
            if (stored < readable.size()) {
                log.info("evaluations: {} stored, {} already known", stored, readable.size() - stored);
            }
        });
    }

    private void park(ConsumerRecord<String, byte[]> record, Exception error) {
        log.warn("parking unreadable evaluation message at {}-{}@{}: {}", record.topic(), record.partition(),
                record.offset(), error.toString());
        jdbc.update("insert into dead_letter (topic, kafka_partition, kafka_offset, record_key, payload, error) "
                        + "values (?,?,?,?,?,?)", record.topic(), record.partition(), record.offset(), record.key(),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8), error.toString());
    }
}
