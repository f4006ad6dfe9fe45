package io.budgetmonitor.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.events.BudgetAdjusted;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.BudgetTransferredIn;
import io.budgetmonitor.api.events.BudgetTransferredOut;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.FiscalYearClosed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.events.FundsCarriedOver;
import io.budgetmonitor.api.events.FundsReclaimed;
import io.budgetmonitor.api.events.PerformanceProgressReported;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.events.QuarterClosed;
import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.RecordedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Test stand-in for the command side: turns scenario NDJSON commands (API.md §1) into the events the
 * command-service would record, with per-aggregate sequence numbers, global positions and recording
 * instants. Commands the query side cannot see the effect of (assessments, procurement) are skipped.
 */
public final class ScenarioEvents {
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, Money> vouchers = new HashMap<>();
    private long position;
    private Instant clock;

    public ScenarioEvents(long firstPosition, Instant firstRecordedAt) {
        this.position = firstPosition;
        this.clock = firstRecordedAt;
    }

    public static List<RecordedEvent> fromFile(Path file, String department, long firstPosition) {
        ScenarioEvents events = new ScenarioEvents(firstPosition, Instant.parse("2021-01-01T01:00:00Z"));
        List<RecordedEvent> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    JsonNode node = BudgetJson.mapper().readTree(line);
                    out.addAll(events.command(node, department));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The next recording instant: the later of one second after the last and the business date. */
    private Instant nextInstant(LocalDate occurredOn) {
        Instant businessDay = occurredOn.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
        clock = clock.plusSeconds(1).isAfter(businessDay) ? clock.plusSeconds(1) : businessDay;
        return clock;
    }

    public RecordedEvent record(BudgetEvent event) {
        return record(event, nextInstant(event.occurredOn()));
    }

    public RecordedEvent record(BudgetEvent event, Instant recordedAt) {
        String aggregate = event.aggregateId();
        long seq = sequences.merge(aggregate, 1L, Long::sum) - 1;
        if (recordedAt.isAfter(clock)) {
            clock = recordedAt;
        }
        return new RecordedEvent(
                UUID.randomUUID().toString(),
                aggregate,
                seq,
                position++,
                recordedAt,
                "test-clerk",
                "corr-" + position,
                event);
    }

    /**
     * A department-year 25% executed on 1 February: on 30 June (time progress 50%) it is 25 points
     * behind schedule, critical for the department, its fund source and its line; on 31 March it is not.
     */
    public List<RecordedEvent> behindSchedule(String department) {
        return List.of(
                record(new FiscalYearOpened(
                        department, 2021, department, "baiyun-2022", List.of(), LocalDate.of(2021, 1, 1))),
                record(new BudgetAllocated(
                        department,
                        2021,
                        "L1",
                        "L1",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PROJECT,
                        ThreePublicCategory.NONE,
                        true,
                        Money.of("1000.00"),
                        LocalDate.of(2021, 1, 1))),
                record(new DisbursementRecorded(
                        department, 2021, "L1", "V1", Money.of("250.00"), "p", "x", false, LocalDate.of(2021, 2, 1))));
    }

    public long nextPosition() {
        return position;
    }

    public List<RecordedEvent> command(JsonNode c, String department) {
        String d = department != null ? department : c.get("department").asText();
        int y = c.get("fiscalYear").asInt();
        LocalDate on =
                c.hasNonNull("occurredOn") ? LocalDate.parse(c.get("occurredOn").asText()) : LocalDate.of(y, 1, 1);
        List<BudgetEvent> events = new ArrayList<>();
        switch (c.get("type").asText()) {
            case "OpenFiscalYear" -> {
                List<BigDecimal> targets = new ArrayList<>();
                if (c.has("quarterTargets")) {
                    c.get("quarterTargets").forEach(t -> targets.add(new BigDecimal(t.asText())));
                }
                events.add(new FiscalYearOpened(
                        d,
                        y,
                        c.path("departmentName").asText(d),
                        c.path("rubric").asText("baiyun-2022"),
                        targets,
                        on));
            }
            case "AllocateBudget" ->
                events.add(new BudgetAllocated(
                        d,
                        y,
                        c.get("line").asText(),
                        c.get("name").asText(),
                        FundSource.valueOf(c.get("fundSource").asText()),
                        ExpenditureType.valueOf(c.get("expenditureType").asText()),
                        ThreePublicCategory.valueOf(c.path("threePublic").asText("NONE")),
                        c.path("appropriation").asBoolean(true),
                        money(c, "amount"),
                        on));
            case "AdjustBudget" ->
                events.add(new BudgetAdjusted(
                        d,
                        y,
                        c.get("line").asText(),
                        AdjustmentKind.valueOf(c.get("kind").asText()),
                        money(c, "amount"),
                        c.path("reason").asText(),
                        on));
            case "TransferBudget" -> {
                String id = UUID.randomUUID().toString();
                events.add(new BudgetTransferredOut(
                        d,
                        y,
                        c.get("fromLine").asText(),
                        c.get("toLine").asText(),
                        money(c, "amount"),
                        c.path("reason").asText(),
                        id,
                        on));
                events.add(new BudgetTransferredIn(
                        d,
                        y,
                        c.get("toLine").asText(),
                        c.get("fromLine").asText(),
                        money(c, "amount"),
                        c.path("reason").asText(),
                        id,
                        on));
            }
            case "RecordDisbursement" -> {
                vouchers.put(d + c.get("voucher").asText(), money(c, "amount"));
                events.add(new DisbursementRecorded(
                        d,
                        y,
                        c.get("line").asText(),
                        c.get("voucher").asText(),
                        money(c, "amount"),
                        c.path("payee").asText(),
                        c.path("purpose").asText(),
                        c.path("procurement").asBoolean(false),
                        on));
            }
            case "ReverseDisbursement" ->
                events.add(new DisbursementReversed(
                        d,
                        y,
                        c.get("line").asText(),
                        c.get("voucher").asText(),
                        vouchers.get(d + c.get("voucher").asText()),
                        c.path("reason").asText(),
                        on));
            case "CloseQuarter" -> {
                Map<FundSource, Money> reported = new TreeMap<>();
                c.path("reportedExecution")
                        .fields()
                        .forEachRemaining(e -> reported.put(
                                FundSource.valueOf(e.getKey()),
                                Money.of(e.getValue().asText())));
                events.add(new QuarterClosed(d, y, c.get("quarter").asInt(), reported, on));
            }
            case "ReclaimFunds" ->
                events.add(new FundsReclaimed(d, y, c.get("line").asText(), money(c, "amount"), on));
            case "CarryOverFunds" ->
                events.add(new FundsCarriedOver(d, y, c.get("line").asText(), money(c, "amount"), on));
            case "CloseFiscalYear" -> events.add(new FiscalYearClosed(d, y, on));
            case "SetPerformanceTarget" ->
                events.add(new PerformanceTargetSet(
                        d,
                        y,
                        c.get("kpi").asText(),
                        c.path("task").asText(),
                        c.path("name").asText(),
                        KpiDirection.valueOf(c.get("direction").asText()),
                        c.hasNonNull("target")
                                        && !"QUALITATIVE"
                                                .equals(c.get("direction").asText())
                                ? new BigDecimal(c.get("target").asText())
                                : null,
                        c.hasNonNull("targetDescription")
                                ? c.get("targetDescription").asText()
                                : c.path("target").asText(null),
                        c.path("unit").asText(),
                        new BigDecimal(c.path("points").asText("2")),
                        on));
            case "ReportPerformanceProgress" ->
                events.add(new PerformanceProgressReported(
                        d,
                        y,
                        c.get("kpi").asText(),
                        c.hasNonNull("actual") ? new BigDecimal(c.get("actual").asText()) : null,
                        c.has("met") ? c.get("met").asBoolean() : null,
                        on));
            default -> {
                // assessments, procurement plans, assets, bonus points: scoring-service facts
            }
        }
        List<RecordedEvent> out = new ArrayList<>();
        for (BudgetEvent e : events) {
            out.add(record(e));
        }
        return out;
    }

    private static Money money(JsonNode c, String field) {
        return Money.of(c.get(field).asText());
    }
}
