package io.budgetmonitor.query.rebuild;

import static org.awaitility.Awaitility.await;

import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Not an assertion: measures events/s applied by ONE query-service consumer (the shared exactly-once consumer
 * with the read-model projection) while catching up on a large replay, next to its baseline in the same run —
 * a plain Kafka consumer reading the same records from the same broker and doing nothing with them — and a
 * full rebuild. Not part of the suite (the class name is outside surefire's includes); run it by name:
 * {@code ./mvnw -B -o -pl query-service -am verify -Dtest=CatchUpBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (optionally {@code -Dbudget.benchmark.departments=100 -Dbudget.benchmark.events=3000}, and
 * {@code -Dbudget.benchmark.rebuilds=3} rounds of rebuild and baselines). The figures are in
 * docs/deployment.md (scaling the readers); the rebuild rounds and their baselines in docs/performance.md ("The rebuild").
 */
class CatchUpBenchmark extends IntegrationTest {
    @Autowired
    KafkaListenerEndpointRegistry registry;

    @Autowired
    RebuildService rebuild;

    @Value("${spring.kafka.consumer.max-poll-records:500}")
    int maxPollRecords;

    @Test
    void catchUpAndRebuild() {
        int departments = Integer.getInteger("budget.benchmark.departments", 100);
        int perDepartment = Integer.getInteger("budget.benchmark.events", 3000);
        ScenarioEvents s = scenario();
        List<RecordedEvent> events = new ArrayList<>();
        for (int d = 0; d < departments; d++) {
            String dept = "BENCH-" + d;
            events.add(s.record(
                    new FiscalYearOpened(dept, 2021, dept, "baiyun-2022", List.of(), LocalDate.of(2021, 1, 1))));
            for (int l = 0; l < 20; l++) {
                events.add(s.record(new BudgetAllocated(
                        dept,
                        2021,
                        "L" + l,
                        "line",
                        FundSource.values()[l % 5],
                        ExpenditureType.values()[l % 3],
                        ThreePublicCategory.NONE,
                        true,
                        Money.of("10000000.00"),
                        LocalDate.of(2021, 1, 1))));
            }
            for (int i = 0; i < perDepartment - 21; i++) {
                events.add(s.record(new DisbursementRecorded(
                        dept,
                        2021,
                        "L" + (i % 20),
                        "V" + i,
                        Money.of("100.00"),
                        "p",
                        "x",
                        false,
                        LocalDate.of(2021, 1 + (i % 12), 10))));
            }
        }
        var container = registry.getListenerContainer("budget-events");
        container.pause();
        await().atMost(Duration.ofSeconds(60)).until(container::isPauseRequested);
        long publishStart = System.nanoTime();
        publish(events);
        long published = System.nanoTime();
        ConsumeOnly baseline = consumeOnly();
        long start = System.nanoTime();
        container.resume();
        RecordedEvent last = events.get(events.size() - 1);
        await().atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from event_log where position between ? and ?",
                                Long.class,
                                events.get(0).position(),
                                last.position())
                        == events.size());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCHMARK publish: %d events in %.1f s%n", events.size(), (published - publishStart) / 1e9);
        System.out.printf(
                "BENCHMARK catch-up: %d events (%d departments) applied in %.1f s = %.0f events/s%n",
                events.size(), departments, seconds, events.size() / seconds);
        System.out.printf(
                "BENCHMARK consume-only baseline: %d records (events and watermarks) read in %.1f s = %.0f records/s%n",
                baseline.records(), baseline.seconds(), baseline.records() / baseline.seconds());
        // the rebuild and its baselines alternate, several times: on a shared 2-core machine one pass says little
        int rounds = Integer.getInteger("budget.benchmark.rebuilds", 3);
        for (int round = 1; round <= rounds; round++) {
            SequentialRead read = sequentialRead("select * from event_log order by position");
            SequentialRead folded =
                    sequentialRead("select position, event_id, event_type, payload from event_log order by position");
            RebuildService.Result result = rebuild.rebuild();
            System.out.printf(
                    "BENCHMARK rebuild %d/%d: %d events, %d department-years in %d ms = %.0f events/s%n",
                    round,
                    rounds,
                    result.events(),
                    result.departmentYears(),
                    result.millis(),
                    result.eventsPerSecond());
            System.out.printf(
                    "BENCHMARK   baseline: sequential read of its event_log (JDBC, every column, fetch size 5,000):"
                            + " %d rows in %.0f ms = %.0f rows/s; rebuild/read = %.2f%n",
                    read.rows(),
                    read.seconds() * 1000,
                    read.rows() / read.seconds(),
                    result.eventsPerSecond() / (read.rows() / read.seconds()));
            System.out.printf(
                    "BENCHMARK   baseline 2: sequential read of the columns the rebuild reads (position, event_id,"
                            + " event_type, payload): %d rows in %.0f ms = %.0f rows/s; rebuild/read = %.2f%n",
                    folded.rows(),
                    folded.seconds() * 1000,
                    folded.rows() / folded.seconds(),
                    result.eventsPerSecond() / (folded.rows() / folded.seconds()));
        }
    }

    private record SequentialRead(long rows, double seconds) {}

    /**
     * Row 4's baseline in the same run, as bench/ measures it: every row of the rebuild's event_log read in
     * position order through a server-side cursor, every selected column fetched as text and nothing done with it.
     */
    private SequentialRead sequentialRead(String query) {
        return jdbc.execute((java.sql.Connection db) -> {
            boolean autoCommit = db.getAutoCommit();
            db.setAutoCommit(false);
            try (java.sql.Statement sql = db.createStatement()) {
                sql.setFetchSize(5_000);
                long begin = System.nanoTime();
                long rows = 0;
                long chars = 0;
                try (java.sql.ResultSet rs = sql.executeQuery(query)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            chars += value == null ? 0 : value.length();
                        }
                    }
                }
                double seconds = (System.nanoTime() - begin) / 1e9;
                db.commit();
                if (chars < 0) {
                    throw new IllegalStateException("unreachable: keeps the reads from being optimised away");
                }
                return new SequentialRead(rows, seconds);
            } finally {
                db.setAutoCommit(autoCommit);
            }
        });
    }

    private record ConsumeOnly(long records, double seconds) {}

    /**
     * The same records from the same broker with the service's poll size, by a consumer that only reads them
     * (no decoding, no database): what the broker and the client library cost, the ceiling of any consumer.
     */
    private ConsumeOnly consumeOnly() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                maxPollRecords,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<String, byte[]> reader =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(Topics.BUDGET_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            long expected = 0;
            for (TopicPartition tp : partitions) {
                expected += end.get(tp) - reader.beginningOffsets(List.of(tp)).get(tp);
            }
            long read = 0;
            long start = System.nanoTime();
            while (read < expected) {
                read += reader.poll(Duration.ofMillis(500)).count();
            }
            return new ConsumeOnly(read, (System.nanoTime() - start) / 1e9);
        }
    }
}
