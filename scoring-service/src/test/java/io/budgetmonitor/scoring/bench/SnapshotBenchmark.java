package io.budgetmonitor.scoring.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.scoring.consumption.EventConsumer;
import io.budgetmonitor.scoring.it.EventFactory;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a timed assertion, and not part of the suite (outside surefire's includes):
 * {@code ./mvnw -pl scoring-service test -Dtest=SnapshotBenchmark}.
 * Feeds events through the consumer's batch path (CloudEvent headers + bytes → decode → apply, 500 per
 * transaction, as a Kafka poll would) and times {@code POST /api/v1/evaluations} over HTTP.
 * Results go to stdout and {@code target/bench-results.txt}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "scoring.listener.auto-startup=false",
            "budget.security.demo-password=" + SnapshotBenchmark.PASSWORD
        })
class SnapshotBenchmark {

    private static final int BATCH = 500;
    static final String PASSWORD = "bench-password";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerSpringProperties(registry::add, "scoringbench");
    }

    @Autowired
    EventConsumer consumer;

    @Autowired
    TestRestTemplate http;

    private final EventFactory factory = new EventFactory(1);
    private long offset;

    @Test
    void snapshotOfOneDepartmentYearWith100kEventsAndOfA100DepartmentDistrict() throws IOException {
        List<String> out = new ArrayList<>();
        long start = System.nanoTime();
        feed(departmentYear("BIG", 100_000));
        out.add(String.format("ingest 100,000 events of one department-year: %.1f s", seconds(start)));
        double[] times = new double[11];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            evaluate("BIG");
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        out.add(String.format(
                "POST /evaluations, 1 department-year with 100,000 events: median %.1f ms, min %.1f ms, max %.1f ms (11 runs)",
                times[5], times[0], times[10]));

        start = System.nanoTime();
        for (int d = 0; d < 100; d++) {
            feed(departmentYear(String.format("DIST-%03d", d), 1_000));
        }
        out.add(String.format("ingest 100 departments × 1,000 events: %.1f s", seconds(start)));
        start = System.nanoTime();
        for (int d = 0; d < 100; d++) {
            evaluate(String.format("DIST-%03d", d));
        }
        out.add(String.format(
                "POST /evaluations for all 100 departments of the district (sequential): %.2f s total",
                seconds(start)));
        out.forEach(System.out::println);
        Files.write(
                Path.of("target/bench-results.txt"),
                out,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private void evaluate(String department) {
        ResponseEntity<String> response = http.withBasicAuth("evaluator", PASSWORD)
                .postForEntity(
                        "/api/v1/evaluations", Map.of("department", department, "fiscalYear", 2021), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    /** A realistic mix: 1 opening, 50 lines, 25 KPIs with reports, the rest disbursements with 1 in 50 reversed. */
    private List<BudgetEvent> departmentYear(String d, int total) {
        List<BudgetEvent> events = new ArrayList<>();
        LocalDate jan = LocalDate.of(2021, 1, 1);
        events.add(new FiscalYearOpened(
                d,
                2021,
                "部门" + d,
                "baiyun-2022",
                List.of(new BigDecimal("0.25"), new BigDecimal("0.50"), new BigDecimal("0.75"), BigDecimal.ONE),
                jan));
        FundSource[] sources = {
            FundSource.GENERAL_PUBLIC_BUDGET,
            FundSource.GENERAL_PUBLIC_BUDGET,
            FundSource.GOVERNMENT_FUND,
            FundSource.OTHER
        };
        ExpenditureType[] types = ExpenditureType.values();
        int lines = 50;
        for (int l = 0; l < lines; l++) {
            events.add(new BudgetAllocated(
                    d,
                    2021,
                    "L" + l,
                    "项目" + l,
                    sources[l % 4],
                    types[l % 3],
                    l == 7 ? ThreePublicCategory.OFFICIAL_RECEPTION : ThreePublicCategory.NONE,
                    l % 4 != 3,
                    Money.of("100000000.00"),
                    jan));
        }
        for (int k = 0; k < 25; k++) {
            String kpi = "B" + (k % 6 + 1) + "." + k;
            events.add(new PerformanceTargetSet(
                    d,
                    2021,
                    kpi,
                    "B" + (k % 6 + 1),
                    "指标" + k,
                    KpiDirection.HIGHER_IS_BETTER,
                    new BigDecimal("100"),
                    null,
                    "%",
                    new BigDecimal("2"),
                    jan));
            events.add(new PerformanceProgressReported(
                    d, 2021, kpi, new BigDecimal(k == 3 ? "50" : "100"), null, LocalDate.of(2021, 12, 1)));
        }
        int i = 0;
        while (events.size() < total) {
            String line = "L" + (i % lines);
            LocalDate on = jan.plusDays(i % 365);
            if (i % 50 == 49) {
                events.add(new DisbursementReversed(
                        d, 2021, "L" + ((i - 1) % lines), "V" + (i - 1), Money.of("1234.56"), "冲销", on));
            } else {
                events.add(new DisbursementRecorded(
                        d, 2021, line, "V" + i, Money.of("1234.56"), "收款人", "用途", i % 10 == 0, on));
            }
            i++;
        }
        return events;
    }

    private void feed(List<BudgetEvent> events) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(BATCH);
        for (BudgetEvent event : events) {
            RecordedEvent recorded = factory.record(event);
            batch.add(factory.consumerRecord(recorded, offset++));
            if (batch.size() == BATCH) {
                consumer.onBatch(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            consumer.onBatch(batch);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
