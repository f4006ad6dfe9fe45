package io.budgetmonitor.scoring.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.events.AssetUtilizationReported;
import io.budgetmonitor.api.events.BonusPenaltyRecorded;
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
import io.budgetmonitor.api.events.ProcurementPlanApproved;
import io.budgetmonitor.api.events.QualitativeAssessmentRecorded;
import io.budgetmonitor.api.events.QuarterClosed;
import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.BudgetJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The demo ledger (infra/demo/shijing-2021.ndjson, the seed's 2021 year of 石井街道, 90.25 points) as the
 * events the command-service records for it, under another department code so that it does not meet
 * the other tests' small years of BY-SJ in the shared database.
 */
final class ShijingScenario {

    static final Path FILE = Path.of("../infra/demo/shijing-2021.ndjson");

    private ShijingScenario() {}

    static List<BudgetEvent> events(String department) {
        Map<String, Money> vouchers = new HashMap<>();
        List<BudgetEvent> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(FILE)) {
                if (!line.isBlank()) {
                    events.addAll(event(BudgetJson.mapper().readTree(line), department, vouchers));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static List<BudgetEvent> event(JsonNode c, String d, Map<String, Money> vouchers) {
        int y = c.get("fiscalYear").asInt();
        LocalDate on = LocalDate.parse(c.get("occurredOn").asText());
        return switch (c.get("type").asText()) {
            case "OpenFiscalYear" -> {
                List<BigDecimal> targets = new ArrayList<>();
                c.path("quarterTargets").forEach(t -> targets.add(new BigDecimal(t.asText())));
                yield List.of(new FiscalYearOpened(
                        d, y, c.get("departmentName").asText(), c.get("rubric").asText(), targets, on));
            }
            case "AllocateBudget" ->
                List.of(new BudgetAllocated(
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
                List.of(new BudgetAdjusted(
                        d,
                        y,
                        c.get("line").asText(),
                        AdjustmentKind.valueOf(c.get("kind").asText()),
                        money(c, "amount"),
                        c.path("reason").asText(),
                        on));
            case "TransferBudget" -> {
                String id = UUID.randomUUID().toString();
                yield List.of(
                        new BudgetTransferredOut(
                                d,
                                y,
                                c.get("fromLine").asText(),
                                c.get("toLine").asText(),
                                money(c, "amount"),
                                c.path("reason").asText(),
                                id,
                                on),
                        new BudgetTransferredIn(
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
                vouchers.put(c.get("voucher").asText(), money(c, "amount"));
                yield List.of(new DisbursementRecorded(
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
                List.of(new DisbursementReversed(
                        d,
                        y,
                        c.get("line").asText(),
                        c.get("voucher").asText(),
                        vouchers.get(c.get("voucher").asText()),
                        c.path("reason").asText(),
                        on));
            case "CloseQuarter" -> {
                Map<FundSource, Money> reported = new TreeMap<>();
                c.path("reportedExecution")
                        .fields()
                        .forEachRemaining(e -> reported.put(
                                FundSource.valueOf(e.getKey()),
                                Money.of(e.getValue().asText())));
                yield List.of(new QuarterClosed(d, y, c.get("quarter").asInt(), reported, on));
            }
            case "ReclaimFunds" ->
                List.of(new FundsReclaimed(d, y, c.get("line").asText(), money(c, "amount"), on));
            case "CarryOverFunds" ->
                List.of(new FundsCarriedOver(d, y, c.get("line").asText(), money(c, "amount"), on));
            case "CloseFiscalYear" -> List.of(new FiscalYearClosed(d, y, on));
            case "SetPerformanceTarget" -> {
                boolean qualitative = "QUALITATIVE".equals(c.get("direction").asText());
                yield List.of(new PerformanceTargetSet(
                        d,
                        y,
                        c.get("kpi").asText(),
                        c.get("task").asText(),
                        c.get("name").asText(),
                        KpiDirection.valueOf(c.get("direction").asText()),
                        !qualitative && c.hasNonNull("target")
                                ? new BigDecimal(c.get("target").asText())
                                : null,
                        c.path("targetDescription").asText(null),
                        c.path("unit").asText(null),
                        new BigDecimal(c.path("points").asText("2")),
                        on));
            }
            case "ReportPerformanceProgress" ->
                List.of(new PerformanceProgressReported(
                        d,
                        y,
                        c.get("kpi").asText(),
                        c.hasNonNull("actual") ? new BigDecimal(c.get("actual").asText()) : null,
                        c.has("met") ? c.get("met").asBoolean() : null,
                        on));
            case "ApproveProcurementPlan" -> List.of(new ProcurementPlanApproved(d, y, money(c, "amount"), on));
            case "ReportAssetUtilization" ->
                List.of(new AssetUtilizationReported(d, y, money(c, "inUse"), money(c, "total"), on));
            case "RecordQualitativeAssessment" ->
                List.of(new QualitativeAssessmentRecorded(
                        d,
                        y,
                        c.get("indicator").asText(),
                        new BigDecimal(c.get("deduction").asText()),
                        c.path("reason").asText(),
                        c.path("evaluator").asText(null),
                        on));
            case "RecordBonusPenalty" ->
                List.of(new BonusPenaltyRecorded(
                        d,
                        y,
                        new BigDecimal(c.get("points").asText()),
                        c.path("reason").asText(),
                        on));
            default ->
                throw new IllegalArgumentException("a scenario command this test does not know: " + c.get("type"));
        };
    }

    private static Money money(JsonNode c, String field) {
        return Money.of(c.get(field).asText());
    }
}
