package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.command.it.RunningCommandService.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An import batch decided in memory — lines on existing budget lines decided directly on their aggregates in
 * one unit of work (BudgetLineDecisions), the batch written at once — answers every line, stores every event
 * and fills the voucher register exactly as the same ledger applied line by line through the command bus,
 * each line in its own unit of work and savepoint (the import's fallback, forced here by a first line whose
 * write must fail). Generated ledgers mix payments (duplicates, conflicting reuses of a voucher, payments
 * beyond what is available: stored refusals), reversals (unknown, repeated), adjustments, reclaims,
 * carry-overs, a line that does not exist and allocations decided through the bus in the same batch.
 */
class BatchDecisionPropertiesIT {

    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static RunningCommandService service;
    private static JdbcTemplate jdbc;

    @BeforeContainer
    static void start() {
        service = RunningCommandService.start("command_batch_props");
        jdbc = service.bean(JdbcTemplate.class);
    }

    @AfterContainer
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** One ledger line, written for a department. */
    interface Line {
        String json(String department);
    }

    @Property(tries = 40)
    void aBatchDecidedInMemoryAnswersStoresAndRegistersLikeLineByLine(@ForAll("ledgers") List<Line> ledger) {
        int n = UNIQUE.incrementAndGet();
        String inMemory = "BIM-" + n + "-" + System.nanoTime() % 100_000;
        String lineByLine = "BLL-" + n + "-" + System.nanoTime() % 100_000;
        for (String department : List.of(inMemory, lineByLine)) {
            JsonNode setUp = importLines(List.of(
                    open(department), allocate(department, "L1", "100.00"), allocate(department, "L2", "50.00")));
            assertThat(setUp.get("accepted").asLong()).as(setUp.toString()).isEqualTo(3);
        }
        double fallbacksBefore = fallbacks();

        JsonNode decidedInMemory = importLines(render(ledger, inMemory, List.of()));
        double fallbacksAfterInMemory = fallbacks();
        // L1 exists: its allocation fails the batch's single write, and every line goes through the bus alone
        JsonNode decidedLineByLine =
                importLines(render(ledger, lineByLine, List.of(allocate(lineByLine, "L1", "1.00"))));

        assertThat(fallbacks()).as("the second import fell back").isGreaterThan(fallbacksAfterInMemory);
        long allocationsOfL3 =
                ledger.stream().filter(Allocation.class::isInstance).count();
        if (allocationsOfL3 <= 1) {
            assertThat(fallbacksAfterInMemory)
                    .as("decided in memory, written at once")
                    .isEqualTo(fallbacksBefore);
        }
        Statistics.label("allocations of L3").collect(allocationsOfL3);
        assertThat(decidedInMemory.get("accepted")).isEqualTo(decidedLineByLine.get("accepted"));
        assertThat(decidedInMemory.get("duplicates")).isEqualTo(decidedLineByLine.get("duplicates"));
        assertThat(answers(decidedInMemory, inMemory, 0))
                .as(decidedInMemory.toString())
                .isEqualTo(answers(decidedLineByLine, lineByLine, 1));
        assertThat(events(inMemory)).isEqualTo(events(lineByLine));
        assertThat(vouchers(inMemory)).isEqualTo(vouchers(lineByLine));
        Statistics.label("rejected lines")
                .collect(decidedInMemory.get("rejected").size());
    }

    @Provide
    Arbitrary<List<Line>> ledgers() {
        Arbitrary<String> lines = Arbitraries.of("L1", "L1", "L2", "L9"); // L9 does not exist
        Arbitrary<String> vouchers = Arbitraries.of("V1", "V2", "V3", "V4");
        Arbitrary<Line> payment = Combinators.combine(
                        lines, vouchers, Arbitraries.of("10.00", "30.00", "60.00"), Arbitraries.of("p", "q"))
                .as((line, voucher, amount, payee) -> (Line) d -> command(d, "RecordDisbursement", line)
                        + ",\"voucher\":\"" + voucher + "\",\"amount\":\"" + amount + "\",\"payee\":\"" + payee
                        + "\",\"purpose\":\"办公\",\"occurredOn\":\"2021-02-01\"}");
        Arbitrary<Line> reversal = Combinators.combine(lines, vouchers)
                .as((line, voucher) -> (Line) d -> command(d, "ReverseDisbursement", line) + ",\"voucher\":\"" + voucher
                        + "\",\"reason\":\"错账\",\"occurredOn\":\"2021-03-01\"}");
        Arbitrary<Line> adjustment = Combinators.combine(
                        lines, Arbitraries.of("SUPPLEMENT", "REDUCTION"), Arbitraries.of("5.00", "40.00"))
                .as((line, kind, amount) -> (Line) d -> command(d, "AdjustBudget", line) + ",\"kind\":\"" + kind
                        + "\",\"amount\":\"" + amount + "\",\"reason\":\"调整\",\"occurredOn\":\"2021-03-01\"}");
        Arbitrary<Line> reclaimOrCarry = Combinators.combine(
                        lines, Arbitraries.of("ReclaimFunds", "CarryOverFunds"), Arbitraries.of("5.00", "70.00"))
                .as((line, type, amount) -> (Line)
                        d -> command(d, type, line) + ",\"amount\":\"" + amount + "\",\"occurredOn\":\"2021-12-01\"}");
        Arbitrary<Line> allocation = Arbitraries.just(new Allocation());
        return Arbitraries.frequencyOf(
                        Tuple.of(6, payment),
                        Tuple.of(2, reversal),
                        Tuple.of(2, adjustment),
                        Tuple.of(2, reclaimOrCarry),
                        Tuple.of(1, allocation))
                .list()
                .ofMinSize(3)
                .ofMaxSize(40);
    }

    /** Allocates L3, decided through the command bus also in the in-memory batch. */
    static final class Allocation implements Line {
        @Override
        public String json(String department) {
            return allocate(department, "L3", "20.00");
        }
    }

    private static String command(String department, String type, String line) {
        return "{\"type\":\"" + type + "\",\"department\":\"" + department + "\",\"fiscalYear\":2021,\"line\":\"" + line
                + "\"";
    }

    private static String open(String department) {
        return "{\"type\":\"OpenFiscalYear\",\"department\":\"" + department
                + "\",\"fiscalYear\":2021,\"departmentName\":\"批量\",\"occurredOn\":\"2021-01-01\"}";
    }

    private static String allocate(String department, String line, String amount) {
        return command(department, "AllocateBudget", line)
                + ",\"name\":\"n\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PROJECT\","
                + "\"appropriation\":true,\"amount\":\"" + amount + "\",\"occurredOn\":\"2021-01-02\"}";
    }

    private static List<String> render(List<Line> ledger, String department, List<String> first) {
        List<String> lines = new ArrayList<>(first);
        ledger.forEach(line -> lines.add(line.json(department)));
        return lines;
    }

    private static JsonNode importLines(List<String> lines) {
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Answer answer = service.importNdjson(() -> new ByteArrayInputStream(body));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Each rejected line as number, status, title and detail, numbered from the ledger's first line. */
    private static List<String> answers(JsonNode report, String department, int linesBefore) {
        List<String> answers = new ArrayList<>();
        report.get("rejected").forEach(rejected -> {
            int line = rejected.get("line").asInt() - linesBefore;
            if (line >= 1) {
                answers.add(line + " " + rejected.get("status").asInt() + " "
                        + rejected.get("title").asText() + ": "
                        + rejected.get("detail").asText().replace(department, "D"));
            }
        });
        return answers;
    }

    /** The department's events in stream order: stream, sequence, type, payload, who recorded them. */
    private static List<String> events(String department) {
        return jdbc.query(
                "SELECT aggregate_identifier, sequence_number, payload_type, payload, meta_data FROM domain_event_entry"
                        + " WHERE aggregate_identifier LIKE ? ORDER BY aggregate_identifier, sequence_number",
                (row, i) -> {
                    JsonNode meta = json(row.getString(5));
                    List<String> keys = new ArrayList<>();
                    meta.fieldNames().forEachRemaining(keys::add);
                    keys.sort(String::compareTo);
                    return (row.getString(1) + " " + row.getLong(2) + " " + row.getString(3) + " " + row.getString(4)
                                    + " " + keys + " " + meta.path("recordedBy").asText())
                            .replace(department, "D");
                },
                department + ":%");
    }

    /** The department's voucher register, every column but the event id. */
    private static List<String> vouchers(String department) {
        return jdbc
                .queryForList(
                        "SELECT (to_jsonb(v) - 'event_id' - 'department')::text FROM voucher_book v"
                                + " WHERE department = ? ORDER BY voucher",
                        String.class,
                        department)
                .stream()
                .map(row -> row.replace(department, "D"))
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return io.budgetmonitor.api.wire.BudgetJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static double fallbacks() {
        return service.bean(MeterRegistry.class)
                .counter("budget.import.batch.fallbacks")
                .count();
    }
}
