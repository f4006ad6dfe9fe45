package io.budgetmonitor.scoring.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.events.AssetUtilizationReported;
import io.budgetmonitor.api.events.BonusPenaltyRecorded;
import io.budgetmonitor.api.events.BudgetAdjusted;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.BudgetTransferredIn;
import io.budgetmonitor.api.events.BudgetTransferredOut;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementRejected;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.FiscalYearClosed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.FundsCarriedOver;
import io.budgetmonitor.api.events.FundsReclaimed;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetAdjusted;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.events.ProcurementPlanApproved;
import io.budgetmonitor.api.events.QualitativeAssessmentRecorded;
import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.scoring.it.EventFactory;
import io.budgetmonitor.testkit.TestInfrastructure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The batch path must leave exactly the state the one-by-one path leaves (the reference: each record
 * under its own savepoint): indicator inputs, sequence progress, held events, gaps, dead letters and
 * the consumer position. Each scenario is fed once one by one and once in poll batches (later batches
 * see what earlier ones stored: held events, open gaps), from an empty database each time.
 */
@SpringBootTest(properties = "scoring.listener.auto-startup=false")
class BatchEquivalenceTest {

    private static final String[] TABLES = {
        "department_year",
        "budget_line",
        "voucher",
        "kpi",
        "qualitative_deduction",
        "bonus_penalty",
        "aggregate_progress",
        "consumer_position",
        "held_event",
        "consumer_gap",
        "dead_letter"
    };

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerSpringProperties(registry::add, "scoringbatch");
    }

    @Autowired
    EventConsumer consumer;

    @Autowired
    ConsumerMetrics metrics;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBatchWithDuplicatesAGapAndPoisonGivesTheSameInputsAsOneByOne() {
        EventFactory f = new EventFactory(1);
        String d = "EX";
        RecordedEvent opened =
                f.record(new FiscalYearOpened(d, 2021, "例", "baiyun-2022", List.of(), LocalDate.of(2021, 1, 1)));
        RecordedEvent allocated = f.record(allocation(d, "L1", FundSource.GENERAL_PUBLIC_BUDGET, "1000.00"));
        RecordedEvent v1 = f.record(paid(d, "L1", "V1", "100.00", true, "2021-02-01"));
        RecordedEvent v2 = f.record(paid(d, "L1", "V2", "200.00", false, "2021-05-01"));
        RecordedEvent v3 = f.record(paid(d, "L1", "V3", "300.00", false, "2021-08-01"));
        RecordedEvent v4 = f.record(paid(d, "L1", "V4", "400.00", false, "2021-11-01"));
        RecordedEvent reversal = f.record(
                new DisbursementReversed(d, 2021, "L1", "V1", Money.of("100.00"), "冲销", LocalDate.of(2021, 3, 1)));
        RecordedEvent orphan = f.record(paid(d, "NO-SUCH-LINE", "V9", "1.00", false, "2021-03-01")); // refused
        RecordedEvent unreadable =
                f.record(paid(d, "L1", "V5", "500.00", false, "2021-12-01")); // seq consumed, unreadable
        RecordedEvent after = f.record(paid(d, "L1", "V6", "600.00", false, "2021-12-02"));
        long offset = 0;
        List<ConsumerRecord<String, byte[]>> first = List.of(
                rec(f, opened, offset++),
                rec(f, allocated, offset++),
                rec(f, v1, offset++),
                rec(f, v1, offset++),
                rec(f, opened, offset++));
        List<ConsumerRecord<String, byte[]>> second = List.of(
                rec(f, v3, offset++), // a gap: v2 is missing
                rec(f, v3, offset++), // a redelivery of a held event
                rec(f, orphan, offset++), // poison
                rec(f, v2, offset++), // fills the gap: v2 and v3 apply
                rec(f, v1, offset++), // duplicate
                rec(f, reversal, offset++), // out of order (v4 missing): held
                rec(f, v4, offset++), // fills it
                corrupt(f, unreadable, offset++),
                rec(f, after, offset++),
                garbage(offset++));
        List<List<ConsumerRecord<String, byte[]>>> batches = List.of(first, second);

        Map<String, List<String>> oneByOne = runOneByOne(batches);
        double fallbacks = metrics.batchFallbacks.count();
        Map<String, List<String>> batched = runBatched(batches);
        assertThat(batched).isEqualTo(oneByOne);
        assertThat(metrics.batchFallbacks.count() - fallbacks)
                .as("only the batch with the poison event falls back")
                .isEqualTo(1);

        assertThat(oneByOne.get("budget_line"))
                .singleElement()
                .asString()
                .contains("\"disbursed\": 1600.00")
                .contains("\"reversed\": 100.00");
        assertThat(oneByOne.get("dead_letter")).hasSize(3);
        assertThat(oneByOne.get("consumer_gap")).hasSize(2).allMatch(g -> g.endsWith("resolved"));
        assertThat(oneByOne.get("held_event")).isEmpty();
        assertThat(oneByOne.get("consumer_position")).containsExactly("{\"position\": " + after.position() + "}");

        // without the poison event the same kind of batch takes the fast path
        fallbacks = metrics.batchFallbacks.count();
        runBatched(
                List.of(first, second.stream().filter(r -> r != second.get(2)).toList()));
        assertThat(metrics.batchFallbacks.count() - fallbacks).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomStreamsGiveTheSameStateInBatchesAsOneByOne(long seed) {
        boolean poison = seed % 2 == 0;
        List<List<ConsumerRecord<String, byte[]>>> batches = new Scenario(seed, poison).batches();
        Map<String, List<String>> oneByOne = runOneByOne(batches);
        double fallbacks = metrics.batchFallbacks.count();
        Map<String, List<String>> batched = runBatched(batches);
        assertThat(batched).isEqualTo(oneByOne);
        if (poison) {
            assertThat(oneByOne.get("dead_letter")).isNotEmpty();
            assertThat(metrics.batchFallbacks.count() - fallbacks).isLessThan(batches.size());
        } else {
            assertThat(metrics.batchFallbacks.count() - fallbacks)
                    .as("no poison, no fallback")
                    .isZero();
        }
        assertThat(oneByOne.get("budget_line")).isNotEmpty();
        assertThat(oneByOne.get("consumer_gap")).isNotEmpty();
    }

    // ---- running and comparing

    private Map<String, List<String>> runOneByOne(List<List<ConsumerRecord<String, byte[]>>> batches) {
        reset();
        batches.forEach(b -> consumer.oneByOne(b.stream().map(consumer::decode).toList()));
        return state();
    }

    private Map<String, List<String>> runBatched(List<List<ConsumerRecord<String, byte[]>>> batches) {
        reset();
        batches.forEach(consumer::onBatch);
        return state();
    }

    private void reset() {
        jdbc.execute("TRUNCATE "
                + String.join(
                        ", ",
                        List.of(TABLES).stream()
                                .filter(t -> !t.equals("consumer_position"))
                                .toList()) + " RESTART IDENTITY");
        jdbc.update("UPDATE consumer_position SET position = 0");
    }

    /** Every row of every table the consumer writes, minus surrogate ids and timestamps, in a stable order. */
    private Map<String, List<String>> state() {
        Map<String, List<String>> state = new LinkedHashMap<>();
        for (String table : TABLES) {
            String order = switch (table) {
                case "qualitative_deduction", "bonus_penalty", "consumer_gap", "dead_letter" -> "id";
                case "consumer_position" -> "1";
                case "aggregate_progress" -> "aggregate_id";
                case "held_event" -> "aggregate_id, sequence_number";
                case "department_year" -> "department, fiscal_year";
                case "budget_line" -> "department, fiscal_year, line";
                case "voucher" -> "department, fiscal_year, voucher";
                default -> "department, fiscal_year, kpi";
            };
            String open = table.equals("consumer_gap")
                    ? " || CASE WHEN resolved_at IS NULL THEN ' open' ELSE ' resolved' END"
                    : "";
            state.put(
                    table,
                    jdbc.queryForList(
                            "SELECT (to_jsonb(t) - ARRAY['id', 'held_at', 'detected_at', 'resolved_at', 'parked_at'])::text"
                                    + open + " FROM " + table + " t ORDER BY " + order,
                            String.class));
        }
        return state;
    }

    // ---- records

    private static ConsumerRecord<String, byte[]> rec(EventFactory f, RecordedEvent e, long offset) {
        return f.consumerRecord(e, offset);
    }

    /** Its CloudEvent headers (subject, sequence number) intact, its data not JSON. */
    private static ConsumerRecord<String, byte[]> corrupt(EventFactory f, RecordedEvent e, long offset) {
        ConsumerRecord<String, byte[]> good = f.consumerRecord(e, offset);
        ConsumerRecord<String, byte[]> bad = new ConsumerRecord<>(
                good.topic(), good.partition(), offset, good.key(), "{not json".getBytes(StandardCharsets.UTF_8));
        good.headers().forEach(h -> bad.headers().add(h));
        return bad;
    }

    private static ConsumerRecord<String, byte[]> garbage(long offset) {
        return new ConsumerRecord<>(
                "budget.events.v1", 0, offset, "?", "not a cloud event".getBytes(StandardCharsets.UTF_8));
    }

    private static BudgetAllocated allocation(String d, String line, FundSource source, String amount) {
        return new BudgetAllocated(
                d,
                2021,
                line,
                "项目" + line,
                source,
                ExpenditureType.PUBLIC_EXPENSE,
                ThreePublicCategory.NONE,
                true,
                Money.of(amount),
                LocalDate.of(2021, 1, 1));
    }

    private static DisbursementRecorded paid(
            String d, String line, String voucher, String amount, boolean procurement, String on) {
        return new DisbursementRecorded(
                d, 2021, line, voucher, Money.of(amount), "收款人", "用途", procurement, LocalDate.parse(on));
    }

    /**
     * A random log of a few department-years, delivered the way Kafka may: in poll batches of random
     * size, with redeliveries, events arriving late (gaps, filled later, possibly in a later batch) or
     * never (gaps that stay open), unreadable records, and — if asked — poison events.
     */
    private static final class Scenario {

        private final Random random;
        private final boolean poison;
        private final EventFactory factory = new EventFactory(1);
        private final Map<String, List<String>> vouchers = new LinkedHashMap<>();
        private int poisonCount;

        Scenario(long seed, boolean poison) {
            this.random = new Random(seed);
            this.poison = poison;
        }

        List<List<ConsumerRecord<String, byte[]>>> batches() {
            List<RecordedEvent> log = new ArrayList<>();
            for (String d : List.of("R-A", "R-B")) {
                log.add(factory.record(new FiscalYearOpened(
                        d,
                        2021,
                        "部门" + d,
                        "baiyun-2022",
                        List.of(new BigDecimal("0.2"), new BigDecimal("0.5"), new BigDecimal("0.7"), BigDecimal.ONE),
                        LocalDate.of(2021, 1, 1))));
            }
            for (String d : List.of("R-A", "R-B")) {
                for (int l = 0; l < 4; l++) {
                    log.add(factory.record(new BudgetAllocated(
                            d,
                            2021,
                            "L" + l,
                            "项目" + l,
                            FundSource.values()[l % FundSource.values().length],
                            ExpenditureType.values()[l % ExpenditureType.values().length],
                            ThreePublicCategory.NONE,
                            l % 2 == 0,
                            Money.of("1000000.00"),
                            LocalDate.of(2021, 1, 1))));
                }
            }
            int reliable = log.size();
            for (int i = 0; i < 400; i++) {
                log.add(factory.record(next()));
            }
            // deliveries: late, lost, repeated and unreadable records
            List<ConsumerRecord<String, byte[]>> deliveries = new ArrayList<>();
            List<ConsumerRecord<String, byte[]>> late = new ArrayList<>();
            List<Integer> lateAt = new ArrayList<>();
            long offset = 0;
            for (int i = 0; i < log.size(); i++) {
                for (int j = late.size() - 1; j >= 0; j--) {
                    if (lateAt.get(j) <= i) {
                        deliveries.add(late.remove(j));
                        lateAt.remove(j);
                    }
                }
                RecordedEvent e = log.get(i);
                // the year openings and line allocations, and the poison events' own streams, arrive in order:
                // the one-by-one reference path cannot drain a refused event held behind a parked one
                // (EventApplier#skipParked applies held successors outside any savepoint)
                boolean inOrder = i < reliable
                        || e.aggregateId().startsWith("R-P")
                        || e.aggregateId().contains("NOPE");
                int roll = inOrder ? 50 : random.nextInt(100);
                ConsumerRecord<String, byte[]> record =
                        roll < 3 ? corrupt(factory, e, offset++) : rec(factory, e, offset++);
                if (roll >= 3 && roll < 10) {
                    late.add(record);
                    lateAt.add(i + 1 + random.nextInt(60));
                } else if (roll == 10) {
                    continue; // lost: its successors stay held
                } else {
                    deliveries.add(record);
                }
                if (random.nextInt(100) < 6 && !deliveries.isEmpty()) {
                    deliveries.add(deliveries.get(random.nextInt(deliveries.size()))); // a redelivery
                }
                if (random.nextInt(100) < 1) {
                    deliveries.add(garbage(offset++));
                }
            }
            deliveries.addAll(late);
            List<List<ConsumerRecord<String, byte[]>>> batches = new ArrayList<>();
            for (int i = 0; i < deliveries.size(); ) {
                int n = 1 + random.nextInt(random.nextBoolean() ? 10 : 120);
                batches.add(deliveries.subList(i, Math.min(deliveries.size(), i + n)));
                i += n;
            }
            return batches;
        }

        private BudgetEvent next() {
            String d = random.nextBoolean() ? "R-A" : "R-B";
            int y = 2021;
            String line = "L" + random.nextInt(4);
            Money amount = Money.ofFen(1 + random.nextInt(5_000_000));
            LocalDate on = LocalDate.of(2020, 11, 1).plusDays(random.nextInt(500)); // some dated outside the year
            List<String> paid = vouchers.computeIfAbsent(d + line, k -> new ArrayList<>());
            int kind = random.nextInt(poison ? 22 : 20);
            return switch (kind) {
                case 0, 1 ->
                    new BudgetAllocated(
                            d,
                            y,
                            line,
                            "项目" + line,
                            FundSource.values()[random.nextInt(FundSource.values().length)],
                            ExpenditureType.values()[random.nextInt(ExpenditureType.values().length)],
                            ThreePublicCategory.NONE,
                            random.nextBoolean(),
                            amount,
                            on);
                case 2 ->
                    new BudgetAdjusted(
                            d,
                            y,
                            line,
                            random.nextBoolean() ? AdjustmentKind.SUPPLEMENT : AdjustmentKind.REDUCTION,
                            amount,
                            "调整",
                            on);
                case 3 -> new BudgetTransferredOut(d, y, line, "L9", amount, "调出", "T" + random.nextInt(1000), on);
                case 4 -> new BudgetTransferredIn(d, y, line, "L9", amount, "调入", "T" + random.nextInt(1000), on);
                case 5, 6, 7, 8 -> {
                    String voucher = "V" + random.nextInt(400);
                    paid.add(voucher);
                    yield new DisbursementRecorded(
                            d, y, line, voucher, amount, "收款人", "用途", random.nextInt(4) == 0, on);
                }
                case 9 ->
                    new DisbursementReversed(
                            d,
                            y,
                            line,
                            paid.isEmpty() || random.nextInt(5) == 0 ? "V-NONE" : paid.get(random.nextInt(paid.size())),
                            amount,
                            "冲销",
                            on);
                case 10 -> new FundsReclaimed(d, y, line, amount, on);
                case 11 -> new FundsCarriedOver(d, y, line, amount, on);
                case 12 ->
                    new DisbursementRejected(
                            d, y, line, "V" + random.nextInt(400), amount, Money.ZERO, "收款人", "用途", false, "超预算", on);
                case 13 -> new ProcurementPlanApproved(d, y, amount, on);
                case 14 ->
                    new AssetUtilizationReported(d, y, amount, Money.ofFen(amount.fen() + random.nextInt(1000)), on);
                case 15 ->
                    new PerformanceTargetSet(
                            d,
                            y,
                            "K" + random.nextInt(3),
                            "B1",
                            "指标",
                            KpiDirection.HIGHER_IS_BETTER,
                            new BigDecimal(random.nextInt(100)),
                            random.nextBoolean() ? null : "描述",
                            "%",
                            random.nextBoolean() ? null : new BigDecimal("2"),
                            on);
                case 16 ->
                    new PerformanceTargetAdjusted(
                            d,
                            y,
                            "K" + random.nextInt(4),
                            new BigDecimal(random.nextInt(100)),
                            random.nextBoolean() ? null : "新描述",
                            "年中调整",
                            on);
                case 17 ->
                    new PerformanceProgressReported(
                            d,
                            y,
                            "K" + random.nextInt(4),
                            new BigDecimal(random.nextInt(120)),
                            random.nextBoolean() ? null : random.nextBoolean(),
                            on);
                case 18 ->
                    random.nextBoolean()
                            ? new QualitativeAssessmentRecorded(d, y, "A6.5", BigDecimal.ONE, "迟报", "区财政局", on)
                            : new BonusPenaltyRecorded(d, y, new BigDecimal("0.5"), "加分", on);
                case 19 ->
                    random.nextInt(10) == 0
                            ? new FiscalYearClosed(d, y, on)
                            : new FiscalYearOpened(d, y, "部门" + d + random.nextInt(3), "baiyun-2022", List.of(), on);
                // poison: refused by the projector (no such line), or by the database (numeric(10,2) overflow)
                case 20 -> new DisbursementRecorded(d, y, "NOPE" + poisonCount++, "VX", amount, "收款人", "用途", false, on);
                default ->
                    new QualitativeAssessmentRecorded(
                            "R-P", y, "A6.5", new BigDecimal("1000000000000"), "溢出", "区财政局", on);
            };
        }
    }
}
