package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.events.AssetUtilizationReported;
import io.budgetmonitor.api.events.BonusPenaltyRecorded;
import io.budgetmonitor.api.events.BudgetAdjusted;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.BudgetTransferredIn;
import io.budgetmonitor.api.events.BudgetTransferredOut;
import io.budgetmonitor.api.events.DeviationExplained;
import io.budgetmonitor.api.events.DisbursementRecorded;
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
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.scoring.rubric.RubricPin;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The change a batch of events makes to the indicator inputs, accumulated in memory: running totals
 * as deltas per line and per department-year (written as additive upserts), "latest wins" columns as
 * their final value, KPIs as their final row. It is the inputs' only projection: infra/event-consumer
 * re-applies a failed batch as batches of one through the same code.
 *
 * <p>Holds no connection: what it needs to know about stored rows (a line's fund source, a voucher's
 * procurement flag, a KPI's current row) is preloaded by {@link InputsBatchStore}. A refusal throws and
 * the caller discards the whole delta.
 */
final class InputsDelta {

    record YearKey(String department, int fiscalYear) {}

    record LineKey(String department, int fiscalYear, String line) {}

    record VoucherKey(String department, int fiscalYear, String voucher) {}

    record KpiKey(String department, int fiscalYear, String kpi) {}

    /** The attributes a line gets from its first BudgetAllocated. */
    record LineAttrs(
            String name, String fundSource, String expenditureType, String threePublic, boolean appropriation) {}

    /** budget_line's running totals, in this column order. */
    static final List<String> LINE_COLUMNS = List.of(
            "allocated",
            "supplements",
            "reductions",
            "transfers_in",
            "transfers_out",
            "disbursed",
            "reversed",
            "reclaimed",
            "carried_over");

    static final class LineChange {
        final LineAttrs attrs;
        final BigDecimal[] deltas = zeros(LINE_COLUMNS.size());

        LineChange(LineAttrs attrs) {
            this.attrs = attrs;
        }
    }

    static final class YearChange {
        long lastPosition;
        long eventsApplied;
        final BigDecimal[] generalQuarterNet = zeros(4);
        BigDecimal procurementActual = BigDecimal.ZERO;
        BigDecimal procurementPlan = BigDecimal.ZERO;
        boolean opened;
        String departmentName;
        String rubric;
        Integer rubricVersion;
        String quarterTargets;
        boolean assetsReported;
        BigDecimal assetsInUse;
        BigDecimal assetsTotal;
        boolean closed;
    }

    static final class Voucher {
        final String line;
        final BigDecimal amount;
        final boolean procurement;
        final LocalDate occurredOn;
        /** already in the voucher table (else inserted by this batch) */
        final boolean stored;

        boolean reversed;
        boolean reversedHere;

        Voucher(
                String line,
                BigDecimal amount,
                boolean procurement,
                LocalDate occurredOn,
                boolean stored,
                boolean reversed) {
            this.line = line;
            this.amount = amount;
            this.procurement = procurement;
            this.occurredOn = occurredOn;
            this.stored = stored;
            this.reversed = reversed;
        }
    }

    static final class Kpi {
        String task;
        String name;
        String direction;
        BigDecimal target;
        String targetDescription;
        String unit;
        BigDecimal points;
        BigDecimal actual;
        Boolean met;
        LocalDate reportedOn;
        boolean changed;
    }

    /** Known lines: stored ones (preloaded) and ones allocated in this batch. */
    private final Map<LineKey, LineAttrs> lines;
    /** Vouchers a reversal of this batch refers to (preloaded when stored) and those recorded in it. */
    private final Map<VoucherKey, Voucher> vouchers;
    /** KPIs this batch refers to: the stored row (preloaded) or null when there is none yet. */
    private final Map<KpiKey, Kpi> kpis;
    /** The pin of each rubric reference a FiscalYearOpened of this batch names (resolved before, like the preloads). */
    private final Map<String, RubricPin> pins;

    // sorted: rows are written in key order, so concurrent consumers lock shared rows in the same order
    final Map<YearKey, YearChange> years =
            new TreeMap<>((a, b) -> a.department().equals(b.department())
                    ? Integer.compare(a.fiscalYear(), b.fiscalYear())
                    : a.department().compareTo(b.department()));
    final Map<LineKey, LineChange> lineChanges = new HashMap<>();
    final List<Object[]> deductions = new ArrayList<>();
    final List<Object[]> bonusPenalties = new ArrayList<>();
    /** The same changes by business date, for as-of cuts ({@link DatedInputs}). */
    final DatedInputs.Delta dated = new DatedInputs.Delta();
    /** The business date of the event being applied. */
    private LocalDate on;

    long maxPosition;
    int applied;

    InputsDelta(
            Map<LineKey, LineAttrs> lines,
            Map<VoucherKey, Voucher> vouchers,
            Map<KpiKey, Kpi> kpis,
            Map<String, RubricPin> pins) {
        this.lines = new HashMap<>(lines);
        this.vouchers = new HashMap<>(vouchers);
        this.kpis = new HashMap<>(kpis);
        this.pins = new HashMap<>(pins);
    }

    Map<VoucherKey, Voucher> vouchers() {
        return vouchers;
    }

    Map<KpiKey, Kpi> kpis() {
        return kpis;
    }

    void apply(RecordedEvent recorded) {
        BudgetEvent event = recorded.event();
        String d = event.department();
        int y = event.fiscalYear();
        YearChange year = years.computeIfAbsent(new YearKey(d, y), k -> new YearChange());
        year.lastPosition = Math.max(year.lastPosition, recorded.position());
        year.eventsApplied++;
        on = event.occurredOn();
        dated.event(recorded);
        maxPosition = Math.max(maxPosition, recorded.position());
        applied++;
        if (event instanceof FiscalYearOpened e) {
            year.opened = true;
            year.departmentName = e.departmentName();
            if (year.rubricVersion == null) { // the first pin stays, as it always was
                RubricPin pin = pins.get(recorded.eventId());
                year.rubric = pin.rubric();
                year.rubricVersion = pin.version();
            }
            year.quarterTargets = e.quarterTargets() == null
                            || e.quarterTargets().isEmpty()
                    ? null
                    : e.quarterTargets().stream().map(BigDecimal::toPlainString).collect(Collectors.joining(","));
        } else if (event instanceof BudgetAllocated e) {
            LineKey key = new LineKey(d, y, e.line());
            LineAttrs attrs = new LineAttrs(
                    e.name(),
                    e.fundSource().name(),
                    e.expenditureType().name(),
                    e.threePublic().name(),
                    e.appropriation());
            lines.putIfAbsent(key, attrs); // an existing line keeps its attributes (ON CONFLICT only adds)
            add(key, "allocated", e.amount().amount());
        } else if (event instanceof BudgetAdjusted e) {
            addToLine(
                    e.kind() == AdjustmentKind.SUPPLEMENT ? "supplements" : "reductions",
                    e.amount().amount(),
                    d,
                    y,
                    e.line());
        } else if (event instanceof BudgetTransferredOut e) {
            addToLine("transfers_out", e.amount().amount(), d, y, e.line());
        } else if (event instanceof BudgetTransferredIn e) {
            addToLine("transfers_in", e.amount().amount(), d, y, e.line());
        } else if (event instanceof DisbursementRecorded e) {
            disbursed(e, year, d, y);
        } else if (event instanceof DisbursementReversed e) {
            reversed(e, year, d, y);
        } else if (event instanceof FundsReclaimed e) {
            addToLine("reclaimed", e.amount().amount(), d, y, e.line());
        } else if (event instanceof FundsCarriedOver e) {
            addToLine("carried_over", e.amount().amount(), d, y, e.line());
        } else if (event instanceof FiscalYearClosed) {
            year.closed = true;
            dated.yearFact("CLOSED", null, null);
        } else if (event instanceof ProcurementPlanApproved e) {
            year.procurementPlan = year.procurementPlan.add(e.amount().amount());
            dated.yearFact("PROCUREMENT_PLAN", e.amount().amount(), null);
        } else if (event instanceof AssetUtilizationReported e) {
            year.assetsReported = true; // the latest report counts
            year.assetsInUse = e.inUse().amount();
            year.assetsTotal = e.total().amount();
            dated.yearFact("ASSETS", e.inUse().amount(), e.total().amount());
        } else if (event instanceof PerformanceTargetSet e) {
            targetSet(e, new KpiKey(d, y, e.kpi()));
            dated.kpiSet(e);
        } else if (event instanceof PerformanceTargetAdjusted e) {
            Kpi kpi = kpis.get(new KpiKey(d, y, e.kpi()));
            dated.kpiAdjusted(e);
            if (kpi != null) { // like the UPDATE: no row, no effect
                kpi.target = e.target();
                kpi.targetDescription = e.targetDescription() != null ? e.targetDescription() : kpi.targetDescription;
                kpi.changed = true;
            }
        } else if (event instanceof PerformanceProgressReported e) {
            Kpi kpi = kpis.get(new KpiKey(d, y, e.kpi()));
            dated.kpiProgress(e);
            if (kpi != null) {
                kpi.actual = e.actual();
                kpi.met = e.met();
                kpi.reportedOn = e.occurredOn();
                kpi.changed = true;
            }
        } else if (event instanceof QualitativeAssessmentRecorded e) {
            deductions.add(new Object[] {
                recorded.eventId(), d, y, e.indicator(), e.deduction(), e.reason(), e.evaluator(), e.occurredOn()
            });
        } else if (event instanceof BonusPenaltyRecorded e) {
            bonusPenalties.add(new Object[] {recorded.eventId(), d, y, e.points(), e.reason(), e.occurredOn()});
        } else if (event instanceof DeviationExplained e) {
            dated.deviation(e);
        }
        // DisbursementRejected and QuarterClosed change no scoring input
    }

    private void disbursed(DisbursementRecorded e, YearChange year, String d, int y) {
        String fundSource = addToLine("disbursed", e.amount().amount(), d, y, e.line());
        // the first recording of a voucher wins, like ON CONFLICT DO NOTHING
        vouchers.putIfAbsent(
                new VoucherKey(d, y, e.voucher()),
                new Voucher(e.line(), e.amount().amount(), e.procurement(), e.occurredOn(), false, false));
        if (e.procurement()) {
            year.procurementActual = year.procurementActual.add(e.amount().amount());
            dated.procurement(new LineKey(d, y, e.line()), on, e.amount().amount());
        }
        if (FundSource.GENERAL_PUBLIC_BUDGET.name().equals(fundSource)) {
            addToQuarter(year, e.amount().amount(), e.occurredOn(), y);
        }
    }

    private void reversed(DisbursementReversed e, YearChange year, String d, int y) {
        String fundSource = addToLine("reversed", e.amount().amount(), d, y, e.line());
        Voucher voucher = vouchers.get(new VoucherKey(d, y, e.voucher()));
        if (voucher != null) {
            voucher.reversed = true;
            voucher.reversedHere = true;
            if (voucher.procurement) {
                year.procurementActual =
                        year.procurementActual.subtract(e.amount().amount());
                dated.procurement(
                        new LineKey(d, y, e.line()), on, e.amount().amount().negate());
            }
        }
        if (FundSource.GENERAL_PUBLIC_BUDGET.name().equals(fundSource)) {
            // a reversal (冲销) is a voucher of its own date: it reduces the cumulative execution from then on
            addToQuarter(year, e.amount().amount().negate(), e.occurredOn(), y);
        }
    }

    private void targetSet(PerformanceTargetSet e, KpiKey key) {
        Kpi kpi = kpis.get(key);
        if (kpi == null) {
            kpi = new Kpi(); // a new row: no actual yet; an existing one keeps its actual (ON CONFLICT)
            kpis.put(key, kpi);
        }
        kpi.task = e.task();
        kpi.name = e.name();
        kpi.direction = e.direction().name();
        kpi.target = e.target();
        kpi.targetDescription = e.targetDescription();
        kpi.unit = e.unit();
        kpi.points = e.points() == null ? BigDecimal.ZERO : e.points();
        kpi.changed = true;
    }

    /** Adds to one running total of a line; returns the line's fund source. */
    private String addToLine(String column, BigDecimal amount, String d, int y, String line) {
        LineKey key = new LineKey(d, y, line);
        LineAttrs attrs = lines.get(key);
        if (attrs == null) {
            throw new IllegalStateException("budget line " + d + ":" + y + ":" + line + " has no BudgetAllocated yet");
        }
        add(key, column, amount);
        return attrs.fundSource();
    }

    private void add(LineKey key, String column, BigDecimal amount) {
        LineChange change = lineChanges.computeIfAbsent(key, k -> new LineChange(lines.get(k)));
        int i = LINE_COLUMNS.indexOf(column);
        change.deltas[i] = change.deltas[i].add(amount);
        dated.line(key, on, i, amount);
    }

    private static void addToQuarter(YearChange year, BigDecimal amount, LocalDate on, int y) {
        int quarter = DatedInputs.quarterOf(on, y);
        year.generalQuarterNet[quarter - 1] = year.generalQuarterNet[quarter - 1].add(amount);
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] values = new BigDecimal[n];
        java.util.Arrays.fill(values, BigDecimal.ZERO);
        return values;
    }
}
