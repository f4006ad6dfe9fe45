package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.command.publishing.KafkaPublisher;
import io.budgetmonitor.testkit.TestInfrastructure;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Stored events reach {@code budget.events.v1} as CloudEvents, in order per aggregate, across publisher restarts. */
class PublishingIT extends IntegrationTest {

    @Autowired
    io.budgetmonitor.command.imports.LedgerImporter importer;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aDisbursementAppearsOnTheTopicAsACloudEvent() {
        String department = newDepartment("PUB");
        openYearWithLine(department, "GP-PUB-01", "5000.00");
        Response recorded = post(
                yearPath(department, 2021) + "/lines/GP-PUB-01/disbursements",
                disbursement("P-1", "120.00"),
                as("recorder", Map.of("X-Recorded-By", "clerk-li", "X-Correlation-Id", "corr-pub")));
        assertThat(recorded.status()).isEqualTo(201);
        String aggregateId = department + ":2021:GP-PUB-01";

        try (TopicReader reader = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers())) {
            List<ConsumerRecord<String, CloudEvent>> records = TopicReader.forKeyPrefix(
                    reader.readUntil(
                            all -> TopicReader.forKeyPrefix(all, aggregateId).size() >= 2, Duration.ofSeconds(60)),
                    aggregateId);
            ConsumerRecord<String, CloudEvent> record = records.get(records.size() - 1);
            CloudEvent event = record.value();
            assertThat(record.key()).isEqualTo(aggregateId);
            assertThat(record.headers().lastHeader("ce_type"))
                    .as("binary mode: attributes in headers")
                    .isNotNull();
            assertThat(event.getType()).isEqualTo("io.budgetmonitor.DisbursementRecorded.v1");
            assertThat(event.getSubject()).isEqualTo(aggregateId);
            assertThat(event.getExtension(CloudEventCodec.SEQUENCE_NUMBER).toString())
                    .isEqualTo("1");
            assertThat(Long.parseLong(
                            event.getExtension(CloudEventCodec.LOG_POSITION).toString()))
                    .isEqualTo(recorded.body().get("position").asLong());
            assertThat(event.getExtension(CloudEventCodec.RECORDED_BY)).isEqualTo("recorder");
            assertThat(event.getExtension(CloudEventCodec.ON_BEHALF_OF)).isEqualTo("clerk-li");
            assertThat(event.getExtension(CloudEventCodec.CORRELATION_ID)).isEqualTo("corr-pub");
            // the chain link the database computed travels with the event
            assertThat(event.getExtension(CloudEventCodec.EVENT_HASH))
                    .isEqualTo(jdbc.queryForObject(
                            "SELECT encode(event_hash, 'hex') FROM domain_event_entry WHERE event_identifier = ?",
                            String.class,
                            event.getId()));
            assertThat(event.getExtension(CloudEventCodec.PREV_HASH))
                    .isEqualTo(records.get(records.size() - 2).value().getExtension(CloudEventCodec.EVENT_HASH));
            assertThat(records.get(0).value().getExtension(CloudEventCodec.PREV_HASH))
                    .as("an aggregate's first event")
                    .isNull();
            RecordedEvent decoded = new CloudEventCodec().decode(event);
            assertThat(decoded.event()).isInstanceOf(DisbursementRecorded.class);
            assertThat(((DisbursementRecorded) decoded.event()).amount().toString())
                    .isEqualTo("120.00");
        }
    }

    /**
     * The publisher sends the JSON the store holds as it is, not parsed into the event and written again: a
     * field this build does not know (written by a later version) and the stored spacing travel unchanged.
     * The event is appended by SQL (the chain trigger links it); the publisher finds it on its next poll.
     */
    @Test
    void theStoredJsonIsPublishedAsItIs() {
        String department = newDepartment("RAW");
        openYearWithLine(department, "GP-RAW-01", "5000.00");
        Map<String, Object> allocated = jdbc.queryForMap(
                "SELECT type, time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND sequence_number = 0",
                department + ":2021:GP-RAW-01");
        String aggregateId = department + ":2021:GP-RAW-02";
        String payload = ((String) allocated.get("payload"))
                .replace("GP-RAW-01", "GP-RAW-02")
                .replaceFirst("\\{", "{ \"addedLater\" : \"稍后版本的字段\", ");
        String eventId = java.util.UUID.randomUUID().toString();
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?,?,0,?,?,?,?,?,?)",
                eventId,
                aggregateId,
                allocated.get("type"),
                allocated.get("time_stamp"),
                allocated.get("payload_type"),
                allocated.get("payload_revision"),
                payload,
                allocated.get("meta_data"));

        try (TopicReader reader = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers())) {
            List<ConsumerRecord<String, CloudEvent>> records = TopicReader.forKeyPrefix(
                    reader.readUntil(
                            all -> !TopicReader.forKeyPrefix(all, aggregateId).isEmpty(), Duration.ofSeconds(60)),
                    aggregateId);
            CloudEvent event = records.get(0).value();
            assertThat(event.getId()).isEqualTo(eventId);
            assertThat(new String(event.getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(payload);
            assertThat(event.getType()).isEqualTo("io.budgetmonitor.BudgetAllocated.v1");
            RecordedEvent decoded = new CloudEventCodec().decode(event);
            assertThat(decoded.event().aggregateId()).isEqualTo(aggregateId);
        }
    }

    @Test
    void thePublisherResumesAfterARestartWithoutGapsOrReordering() throws Exception {
        String department = newDepartment("RST");
        List<String> lines = List.of("L1", "L2", "L3");
        StringBuilder ndjson = new StringBuilder("""
                {"type":"OpenFiscalYear","department":"%s","fiscalYear":2021,"departmentName":"重启测试","occurredOn":"2021-01-01"}
                """.formatted(department));
        for (String line : lines) {
            ndjson.append("""
                    {"type":"AllocateBudget","department":"%s","fiscalYear":2021,"line":"%s","name":"n","fundSource":"GENERAL_PUBLIC_BUDGET","expenditureType":"PROJECT","appropriation":true,"amount":"1000000.00","occurredOn":"2021-01-02"}
                    """.formatted(department, line));
        }
        appendDisbursements(ndjson, department, lines, 0, 60);
        assertThat(importNdjson(ndjson.toString()).body().get("rejected")).isEmpty();

        TrackingEventProcessor publisher = processing
                .eventProcessor(KafkaPublisher.PROCESSOR, TrackingEventProcessor.class)
                .orElseThrow();
        publisher.shutDown(); // mid-stream: the first batch may or may not be out
        StringBuilder more = new StringBuilder();
        appendDisbursements(more, department, lines, 60, 120);
        assertThat(importNdjson(more.toString()).body().get("rejected")).isEmpty();
        publisher.start();

        Map<String, Long> expectedLast = new HashMap<>();
        jdbc.query(
                "SELECT aggregate_identifier, max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier LIKE ? GROUP BY 1",
                rs -> {
                    expectedLast.put(rs.getString(1), rs.getLong(2));
                },
                department + ":%");
        try (TopicReader reader = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers())) {
            List<ConsumerRecord<String, CloudEvent>> records = TopicReader.forKeyPrefix(
                    reader.readUntil(
                            all -> {
                                Map<String, Long> maxSeen = TopicReader.forKeyPrefix(all, department + ":").stream()
                                        .collect(Collectors.toMap(ConsumerRecord::key, r -> sequence(r), Math::max));
                                return maxSeen.equals(expectedLast);
                            },
                            Duration.ofSeconds(120)),
                    department + ":");
            Map<String, List<Long>> perAggregate = new HashMap<>();
            records.forEach(r -> perAggregate
                    .computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(sequence(r)));
            assertThat(perAggregate.keySet()).isEqualTo(expectedLast.keySet());
            perAggregate.forEach((aggregate, sequences) -> {
                // at least once: a redelivered run may repeat earlier numbers, but never skips or goes back otherwise
                long expectedNext = 0;
                for (long sequence : sequences) {
                    assertThat(sequence).as("%s: %s", aggregate, sequences).isLessThanOrEqualTo(expectedNext);
                    expectedNext = Math.max(expectedNext, sequence + 1);
                }
                assertThat(expectedNext - 1).isEqualTo(expectedLast.get(aggregate));
                assertThat(sequences.stream().distinct().count()).isEqualTo(expectedLast.get(aggregate) + 1);
            });
        }
    }

    private static long sequence(ConsumerRecord<String, CloudEvent> record) {
        return Long.parseLong(
                record.value().getExtension(CloudEventCodec.SEQUENCE_NUMBER).toString());
    }

    /**
     * Two imports committing interleaved batches make the tracking processor fill gaps: an event that
     * fills one must still carry its own global index, not the highest index seen so far.
     */
    @Test
    void everyEventCarriesItsOwnLogPositionEvenWhenItFillsAGap() throws Exception {
        List<String> departments = List.of(newDepartment("GAPA"), newDepartment("GAPB"));
        List<java.util.concurrent.Future<Response>> imports = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService importers = java.util.concurrent.Executors.newFixedThreadPool(2);
        for (String department : departments) {
            StringBuilder ndjson = new StringBuilder("""
                    {"type":"OpenFiscalYear","department":"%s","fiscalYear":2021,"departmentName":"并发测试","occurredOn":"2021-01-01"}
                    {"type":"AllocateBudget","department":"%s","fiscalYear":2021,"line":"L1","name":"n","fundSource":"GENERAL_PUBLIC_BUDGET","expenditureType":"PROJECT","appropriation":true,"amount":"1000000.00","occurredOn":"2021-01-02"}
                    """.formatted(department, department));
            // more than two batches each (at any batch size): the imports' batches interleave
            appendDisbursements(ndjson, department, List.of("L1"), 0, 2 * importer.batchLines() + 100);
            imports.add(importers.submit(() -> importNdjson(ndjson.toString())));
        }
        for (var done : imports) {
            assertThat(done.get().body().get("rejected")).isEmpty();
        }
        importers.shutdown();
        Map<String, Long> stored = new java.util.HashMap<>();
        jdbc.query(
                "SELECT event_identifier, global_index FROM domain_event_entry WHERE aggregate_identifier LIKE ? OR aggregate_identifier LIKE ?",
                rs -> {
                    stored.put(rs.getString(1), rs.getLong(2));
                },
                departments.get(0) + ":%",
                departments.get(1) + ":%");
        try (TopicReader reader = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers())) {
            List<ConsumerRecord<String, CloudEvent>> records = reader.readUntil(
                    all -> all.stream()
                                    .filter(r -> stored.containsKey(r.value().getId()))
                                    .map(r -> r.value().getId())
                                    .distinct()
                                    .count()
                            >= stored.size(),
                    Duration.ofSeconds(120));
            Map<String, Long> published = new java.util.HashMap<>();
            for (ConsumerRecord<String, CloudEvent> record : records) {
                if (stored.containsKey(record.value().getId())) {
                    published.put(
                            record.value().getId(),
                            Long.parseLong(record.value()
                                    .getExtension(CloudEventCodec.LOG_POSITION)
                                    .toString()));
                }
            }
            assertThat(published).isEqualTo(stored);
        }
    }

    private static void appendDisbursements(
            StringBuilder ndjson, String department, List<String> lines, int from, int to) {
        IntStream.range(from, to)
                .forEach(i -> ndjson.append("""
                {"type":"RecordDisbursement","department":"%s","fiscalYear":2021,"line":"%s","voucher":"R-%05d","amount":"10.00","payee":"p","purpose":"q","occurredOn":"2021-02-01"}
                """.formatted(department, lines.get(i % lines.size()), i)));
    }
}
