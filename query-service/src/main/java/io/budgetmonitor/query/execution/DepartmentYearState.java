package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.events.BudgetAdjusted;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.events.BudgetLineEvent;
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
import io.budgetmonitor.api.events.QuarterClosed;
import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.api.wire.RecordedEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the execution views and the monitor need about one department-year (部门年度), folded
 * from its events. A plain class: the live projection keeps one per department-year in memory and
 * writes what changed ({@link #dirty()}); as-of queries and rebuilds fold a fresh one from the log.
 *
 * <p>Every update commutes across aggregates (sums, "latest position wins"), because line events and
 * fiscal-year events travel under different Kafka keys and may be applied in either order.
 */
public final class DepartmentYearState {
    public static final List<BigDecimal> DEFAULT_TARGETS =
            List.of(new BigDecimal("0.25"), new BigDecimal("0.50"), new BigDecimal("0.75"), new BigDecimal("1.00"));

    private final FiscalYearId id;
    String departmentName;
    String rubric;
    List<BigDecimal> quarterTargets = DEFAULT_TARGETS;
    LocalDate openedOn;
    LocalDate closedOn;
    long lastPosition = -1;
    final Map<String, LineFigures> lines = new TreeMap<>();
    final Map<Integer, QuarterClose> closes = new TreeMap<>();
    final Map<String, KpiFigures> kpis = new TreeMap<>();

    private final Dirty dirty = new Dirty();

    public DepartmentYearState(FiscalYearId id) {
        this.id = id;
    }

    public static DepartmentYearState fold(FiscalYearId id, Collection<RecordedEvent> events) {
        DepartmentYearState state = new DepartmentYearState(id);
        events.forEach(state::apply);
        state.dirty.clear();
        return state;
    }

    /**
     * Applies one event. Throws (and the caller parks the event) when the event cannot be applied,
     * e.g. a year opened with other than four quarterly targets.
     */
    public void apply(RecordedEvent recorded) {
        apply(recorded.position(), recorded.eventId(), recorded.event());
    }

    /** {@link #apply(RecordedEvent)} with what the fold reads of a recorded event: its place in the log and id. */
    public void apply(long position, String eventId, BudgetEvent event) {
        if (!event.department().equals(id.department()) || event.fiscalYear() != id.fiscalYear()) {
            throw new IllegalArgumentException("event " + eventId + " belongs to " + event.department() + ":"
                    + event.fiscalYear() + ", not " + id);
        }
        lastPosition = Math.max(lastPosition, position);
        dirty.year = true;
        if (event instanceof BudgetLineEvent lineEvent) {
            LineFigures line = line(lineEvent.line());
            if (position > line.lastPosition) {
                line.lastPosition = position;
                line.lastEventId = eventId;
            }
            applyToLine(line, lineEvent, position, eventId);
            dirty.lines.add(line.line);
        } else {
            applyToYear(event, position, eventId);
        }
    }

    // Java 17: no pattern matching in switch yet, hence the instanceof chains
    private void applyToLine(LineFigures line, BudgetLineEvent event, long position, String eventId) {
        if (event instanceof BudgetAllocated e) {
            line.name = e.name();
            line.fundSource = e.fundSource();
            line.expenditureType = e.expenditureType();
            line.threePublic = e.threePublic();
            line.appropriation = e.appropriation();
            line.allocated = line.allocated.plus(e.amount());
        } else if (event instanceof BudgetAdjusted e) {
            if (e.kind() == AdjustmentKind.SUPPLEMENT) {
                line.supplements = line.supplements.plus(e.amount());
            } else {
                line.reductions = line.reductions.plus(e.amount());
            }
        } else if (event instanceof BudgetTransferredIn e) {
            line.transfersIn = line.transfersIn.plus(e.amount());
        } else if (event instanceof BudgetTransferredOut e) {
            line.transfersOut = line.transfersOut.plus(e.amount());
        } else if (event instanceof DisbursementRecorded e) {
            line.disbursed = line.disbursed.plus(e.amount());
            int q = quarterIndex(e.occurredOn());
            line.quarterDisbursed[q] = line.quarterDisbursed[q].plus(e.amount());
        } else if (event instanceof DisbursementReversed e) {
            // a reversal (冲销) changes the ledger on its own date, so it counts in its own quarter
            line.reversed = line.reversed.plus(e.amount());
            int q = quarterIndex(e.occurredOn());
            line.quarterReversed[q] = line.quarterReversed[q].plus(e.amount());
        } else if (event instanceof DisbursementRejected e) {
            line.rejectedCount++;
            if (line.lastRejectedPosition == null || position > line.lastRejectedPosition) {
                line.lastRejectedAmount = e.amount();
                line.lastRejectedAvailable = e.available();
                line.lastRejectedOn = e.occurredOn();
                line.lastRejectedPosition = position;
                line.lastRejectedEvent = eventId;
            }
        } else if (event instanceof FundsReclaimed e) {
            line.reclaimed = line.reclaimed.plus(e.amount());
        } else if (event instanceof FundsCarriedOver e) {
            line.carriedOver = line.carriedOver.plus(e.amount());
        }
    }

    private void applyToYear(BudgetEvent event, long position, String eventId) {
        if (event instanceof FiscalYearOpened e) {
            if (e.quarterTargets() != null
                    && !e.quarterTargets().isEmpty()
                    && e.quarterTargets().size() != 4) {
                throw new IllegalArgumentException("a year needs four quarterly targets, got " + e.quarterTargets());
            }
            departmentName = e.departmentName();
            rubric = e.rubric();
            quarterTargets = e.quarterTargets() == null || e.quarterTargets().isEmpty()
                    ? DEFAULT_TARGETS
                    : List.copyOf(e.quarterTargets());
            openedOn = e.occurredOn();
        } else if (event instanceof QuarterClosed e) {
            Quarter.of(e.quarter()); // refuses 0 or 5: such an event is parked, not guessed at
            QuarterClose previous = closes.get(e.quarter());
            if (previous == null || position > previous.position()) {
                closes.put(
                        e.quarter(),
                        new QuarterClose(e.quarter(), e.occurredOn(), position, eventId, e.reportedExecution()));
                dirty.quarters.add(e.quarter());
            }
        } else if (event instanceof FiscalYearClosed e) {
            closedOn = e.occurredOn();
        } else if (event instanceof PerformanceTargetSet e) {
            KpiFigures kpi = kpi(e.kpi());
            kpi.task = e.task();
            kpi.name = e.name();
            kpi.direction = e.direction();
            kpi.target = e.target();
            kpi.targetDescription = e.targetDescription();
            kpi.unit = e.unit();
            kpi.points = e.points();
            kpi.setOn = e.occurredOn();
        } else if (event instanceof PerformanceTargetAdjusted e) {
            KpiFigures kpi = kpi(e.kpi());
            kpi.target = e.target();
            if (e.targetDescription() != null) {
                kpi.targetDescription = e.targetDescription();
            }
        } else if (event instanceof PerformanceProgressReported e) {
            KpiFigures kpi = kpi(e.kpi());
            // fiscal-year events share one stream, so they arrive in order: the latest report counts
            kpi.actual = e.actual();
            kpi.met = e.met();
            kpi.reportedOn = e.occurredOn();
            kpi.reportEventId = eventId;
            kpi.reportedQuarters |= 1 << quarterIndex(e.occurredOn());
        }
        // ProcurementPlanApproved, AssetUtilizationReported, QualitativeAssessmentRecorded and
        // BonusPenaltyRecorded are for the scoring service; the execution monitor keeps nothing of them
    }

    private KpiFigures kpi(String code) {
        dirty.kpis.add(code);
        return kpis.computeIfAbsent(code, KpiFigures::new);
    }

    LineFigures line(String code) {
        return lines.computeIfAbsent(code, LineFigures::new);
    }

    /** Quarter index 0..3 of a business date, clamped to the fiscal year. */
    private int quarterIndex(LocalDate date) {
        if (date.getYear() < id.fiscalYear()) {
            return 0;
        }
        if (date.getYear() > id.fiscalYear()) {
            return 3;
        }
        return Quarter.containing(date).number() - 1;
    }

    public FiscalYearId id() {
        return id;
    }

    public String departmentName() {
        return departmentName;
    }

    public String rubric() {
        return rubric;
    }

    public List<BigDecimal> quarterTargets() {
        return quarterTargets;
    }

    public LocalDate openedOn() {
        return openedOn;
    }

    public LocalDate closedOn() {
        return closedOn;
    }

    public long lastPosition() {
        return lastPosition;
    }

    public Collection<LineFigures> lines() {
        return lines.values();
    }

    public LineFigures lineOrNull(String code) {
        return lines.get(code);
    }

    public Map<Integer, QuarterClose> closes() {
        return closes;
    }

    public Collection<KpiFigures> kpis() {
        return kpis.values();
    }

    public Money budget() {
        return lines.values().stream().map(LineFigures::budget).reduce(Money.ZERO, Money::plus);
    }

    public Money executed() {
        return lines.values().stream().map(LineFigures::executed).reduce(Money.ZERO, Money::plus);
    }

    Dirty dirty() {
        return dirty;
    }

    /** What changed since the store last wrote this state. */
    static final class Dirty {
        boolean year;
        final Set<String> lines = new HashSet<>();
        final Set<Integer> quarters = new HashSet<>();
        final Set<String> kpis = new HashSet<>();

        void clear() {
            year = false;
            lines.clear();
            quarters.clear();
            kpis.clear();
        }

        boolean any() {
            return year || !lines.isEmpty() || !quarters.isEmpty() || !kpis.isEmpty();
        }
    }
}
