package io.budgetmonitor.command.budgetline;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.budgetmonitor.api.commands.AdjustBudget;
import io.budgetmonitor.api.commands.AllocateBudget;
import io.budgetmonitor.api.commands.CarryOverFunds;
import io.budgetmonitor.api.commands.ReclaimFunds;
import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.commands.ReverseDisbursement;
import io.budgetmonitor.api.commands.TransferBudget;
import io.budgetmonitor.api.events.BudgetAdjusted;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetTransferredIn;
import io.budgetmonitor.api.events.BudgetTransferredOut;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementRejected;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.FundsCarriedOver;
import io.budgetmonitor.api.events.FundsReclaimed;
import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.BudgetLineId;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.command.budgetline.VoucherBook.PostedVoucher;
import io.budgetmonitor.command.fiscalyear.FiscalYearRegister;
import io.budgetmonitor.command.refusal.CommandRefusedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A budget line (预算项目/科目) of a department-year: its budget and how much of it is spent,
 * reclaimed (财政收回) or carried over (结转). It decides every command that changes one line, and
 * guards availability control (额度控制): nothing leaves the line beyond what is available.
 *
 * <p>The state is deliberately small (amounts and the line's classification, no vouchers): a line
 * with 100,000 payments loads as fast as a new one. Voucher uniqueness across the year is the
 * {@link VoucherBook}'s, whether the year is open the {@link FiscalYearRegister}'s; both arrive as
 * handler parameters (Spring beans in the service, injectable resources in the fixtures).
 *
 * <p>Fields are serialised directly (no getters) so that a Jackson-serialised snapshot holds the
 * whole state.
 */
@Aggregate(
        snapshotTriggerDefinition = "budgetLineSnapshotTrigger",
        commandTargetResolver = "budgetCommandTargetResolver",
        cache = "aggregateCache")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class BudgetLine {

    @AggregateIdentifier
    private String id;

    private String department;
    private int fiscalYear;
    private String line;
    private String name;
    private FundSource fundSource;
    private ExpenditureType expenditureType;
    private ThreePublicCategory threePublic;
    private boolean appropriation;

    /** allocated + supplements − reductions + transfers in − transfers out */
    private Money budget = Money.ZERO;
    /** disbursements − reversals */
    private Money spent = Money.ZERO;

    private Money reclaimed = Money.ZERO;
    private Money carriedOver = Money.ZERO;

    /** For Axon (event sourcing, snapshots). */
    protected BudgetLine() {}

    /** 预算下达: creates the line. A second allocation of the same line id fails in the event store. */
    @CommandHandler
    public BudgetLine(AllocateBudget command, FiscalYearRegister fiscalYears) {
        requireOpen(fiscalYears, command.lineId().fiscalYearId());
        requirePositive(command.amount());
        apply(new BudgetAllocated(
                command.department(),
                command.fiscalYear(),
                command.line(),
                command.name(),
                command.fundSource(),
                command.expenditureType(),
                command.threePublic(),
                Boolean.TRUE.equals(command.appropriation()),
                command.amount(),
                command.occurredOn()));
    }

    /** 追加 / 追减. A reduction may only take away what is still available. */
    @CommandHandler
    public void handle(AdjustBudget command, FiscalYearRegister fiscalYears) {
        requireOpen(fiscalYears, fiscalYearId());
        requirePositive(command.amount());
        if (command.kind() == AdjustmentKind.REDUCTION && command.amount().exceeds(available())) {
            throw insufficient(
                    "Reduction exceeds the available budget",
                    "Reducing line %s by %s would take its budget below what is already spent, reclaimed or carried over; available: %s"
                            .formatted(id, command.amount(), available()));
        }
        if (command.kind() == AdjustmentKind.SUPPLEMENT) {
            requireRoomFor(command.amount());
        }
        apply(new BudgetAdjusted(
                department,
                fiscalYear,
                line,
                command.kind(),
                command.amount(),
                command.reason(),
                command.occurredOn()));
    }

    /**
     * 支出. The voucher is the idempotency key, so it is looked up first: a retry of a command that
     * was recorded returns the first result even after the year closed. A payment beyond the
     * available amount is not an exception but a recorded {@link DisbursementRejected} (an exception
     * would roll the event back), answered with {@link DisbursementOutcome.Rejected}.
     */
    @CommandHandler
    public DisbursementOutcome handle(
            RecordDisbursement command, FiscalYearRegister fiscalYears, VoucherBook vouchers) {
        Optional<PostedVoucher> posted = vouchers.find(fiscalYearId(), command.voucher());
        if (posted.isPresent()) {
            return alreadyRecorded(command, posted.get());
        }
        requireOpen(fiscalYears, fiscalYearId());
        requirePositive(command.amount());
        Money available = available();
        if (command.amount().exceeds(available)) {
            String reason = "Amount %s exceeds the available %s of line %s".formatted(command.amount(), available, id);
            apply(new DisbursementRejected(
                    department,
                    fiscalYear,
                    line,
                    command.voucher(),
                    command.amount(),
                    available,
                    command.payee(),
                    command.purpose(),
                    Boolean.TRUE.equals(command.procurement()),
                    reason,
                    command.occurredOn()));
            return new DisbursementOutcome.Rejected(command.voucher(), command.amount(), available, reason);
        }
        apply(new DisbursementRecorded(
                department,
                fiscalYear,
                line,
                command.voucher(),
                command.amount(),
                command.payee(),
                command.purpose(),
                Boolean.TRUE.equals(command.procurement()),
                command.occurredOn()));
        return new DisbursementOutcome.Recorded(command.voucher(), command.amount(), available.minus(command.amount()));
    }

    /**
     * The same payment in every field (line, amount, payee, purpose, procurement, date): the retry of
     * a recorded payment. Anything else reuses a number that belongs to another payment, and is
     * refused with the differing fields named, so a changed date or payee is never silently dropped.
     * A reversed voucher is refused too: re-posting a reversed payment needs a new voucher number,
     * and answering "already recorded" would hide that it no longer counts.
     */
    private DisbursementOutcome alreadyRecorded(RecordDisbursement command, PostedVoucher posted) {
        List<String> differences = posted.differencesFrom(command);
        if (differences.isEmpty() && !posted.reversed()) {
            return new DisbursementOutcome.AlreadyRecorded(command.voucher(), posted.amount(), posted.line());
        }
        String detail = posted.reversed()
                ? "Voucher %s was posted to line %s and reversed; post the payment under a new voucher number"
                        .formatted(command.voucher(), posted.line())
                : "Voucher %s is already posted to line %s for %s; this request differs in %s"
                        .formatted(command.voucher(), posted.line(), posted.amount(), String.join(", ", differences));
        throw new CommandRefusedException(
                409,
                "Voucher already used",
                detail,
                Map.of(
                        "voucher",
                        command.voucher(),
                        "postedLine",
                        posted.line(),
                        "postedAmount",
                        posted.amount(),
                        "reversed",
                        posted.reversed(),
                        "differences",
                        differences));
    }

    /** 冲销 of an earlier payment of this line, for its original amount. */
    @CommandHandler
    public void handle(ReverseDisbursement command, FiscalYearRegister fiscalYears, VoucherBook vouchers) {
        requireOpen(fiscalYears, fiscalYearId());
        PostedVoucher posted = vouchers.find(fiscalYearId(), command.voucher())
                .filter(voucher -> voucher.line().equals(line))
                .orElseThrow(() -> CommandRefusedException.notFound(
                        "Voucher not found",
                        "No disbursement with voucher %s on line %s".formatted(command.voucher(), id)));
        if (posted.reversed()) {
            throw CommandRefusedException.conflict(
                    "Disbursement already reversed",
                    "Voucher %s of line %s has already been reversed".formatted(command.voucher(), id));
        }
        apply(new DisbursementReversed(
                department,
                fiscalYear,
                line,
                command.voucher(),
                posted.amount(),
                command.reason(),
                command.occurredOn()));
    }

    /** 财政收回 of unspent funds. */
    @CommandHandler
    public void handle(ReclaimFunds command, FiscalYearRegister fiscalYears) {
        requireOpen(fiscalYears, fiscalYearId());
        requirePositive(command.amount());
        requireAvailable(command.amount(), "Reclaim exceeds the available budget");
        apply(new FundsReclaimed(department, fiscalYear, line, command.amount(), command.occurredOn()));
    }

    /** 结转 of unspent funds to next year. */
    @CommandHandler
    public void handle(CarryOverFunds command, FiscalYearRegister fiscalYears) {
        requireOpen(fiscalYears, fiscalYearId());
        requirePositive(command.amount());
        requireAvailable(command.amount(), "Carry-over exceeds the available budget");
        apply(new FundsCarriedOver(department, fiscalYear, line, command.amount(), command.occurredOn()));
    }

    /**
     * 调剂（调出）: the source side of a {@link BudgetTransfer}, which calls it in the same unit of work
     * as {@link #transferIn} on the target line.
     */
    public void transferOut(TransferBudget command, String transferId, FiscalYearRegister fiscalYears) {
        requireSide(command.from(), "source");
        if (command.toLine().equals(line)) {
            throw CommandRefusedException.unprocessable(
                    "Transfer within one line", "A transfer needs two different lines; both are " + id);
        }
        requireOpen(fiscalYears, fiscalYearId());
        requirePositive(command.amount());
        requireAvailable(command.amount(), "Transfer exceeds the available budget");
        apply(new BudgetTransferredOut(
                department,
                fiscalYear,
                line,
                command.toLine(),
                command.amount(),
                command.reason(),
                transferId,
                command.occurredOn()));
    }

    /** 调剂（调入）: the target side of a {@link BudgetTransfer}. */
    public void transferIn(TransferBudget command, String transferId, FiscalYearRegister fiscalYears) {
        requireSide(command.to(), "target");
        if (command.fromLine().equals(line)) {
            throw CommandRefusedException.unprocessable(
                    "Transfer within one line", "A transfer needs two different lines; both are " + id);
        }
        requireOpen(fiscalYears, fiscalYearId());
        requirePositive(command.amount());
        requireRoomFor(command.amount());
        apply(new BudgetTransferredIn(
                department,
                fiscalYear,
                line,
                command.fromLine(),
                command.amount(),
                command.reason(),
                transferId,
                command.occurredOn()));
    }

    /** What can still be paid, reduced, transferred, reclaimed or carried over. */
    public Money available() {
        return budget.minus(spent).minus(reclaimed).minus(carriedOver);
    }

    @EventSourcingHandler
    void on(BudgetAllocated event) {
        id = event.aggregateId();
        department = event.department();
        fiscalYear = event.fiscalYear();
        line = event.line();
        name = event.name();
        fundSource = event.fundSource();
        expenditureType = event.expenditureType();
        threePublic = event.threePublic();
        appropriation = event.appropriation();
        budget = event.amount();
    }

    @EventSourcingHandler
    void on(BudgetAdjusted event) {
        budget = budget.plus(event.delta());
    }

    @EventSourcingHandler
    void on(BudgetTransferredOut event) {
        budget = budget.minus(event.amount());
    }

    @EventSourcingHandler
    void on(BudgetTransferredIn event) {
        budget = budget.plus(event.amount());
    }

    @EventSourcingHandler
    void on(DisbursementRecorded event) {
        spent = spent.plus(event.amount());
    }

    @EventSourcingHandler
    void on(DisbursementReversed event) {
        spent = spent.minus(event.amount());
    }

    @EventSourcingHandler
    void on(FundsReclaimed event) {
        reclaimed = reclaimed.plus(event.amount());
    }

    @EventSourcingHandler
    void on(FundsCarriedOver event) {
        carriedOver = carriedOver.plus(event.amount());
    }

    // DisbursementRejected changes nothing: the attempt is a fact for auditors, not for the balance.

    private FiscalYearId fiscalYearId() {
        return new FiscalYearId(department, fiscalYear);
    }

    private void requireSide(BudgetLineId expected, String side) {
        if (!expected.toString().equals(id)) {
            // a wiring mistake in the caller, not a user's error
            throw new IllegalArgumentException(
                    "line " + id + " is not the " + side + " of transfer to/from " + expected);
        }
    }

    private void requireAvailable(Money amount, String title) {
        if (amount.exceeds(available())) {
            throw insufficient(title, "%s exceeds the available %s of line %s".formatted(amount, available(), id));
        }
    }

    /** A budget that would exceed the largest amount there is is refused, not recorded and then unloadable. */
    private void requireRoomFor(Money raise) {
        if (!budget.canAdd(raise)) {
            throw CommandRefusedException.unprocessable(
                    "Budget too large",
                    "Raising line %s's budget of %s by %s would exceed the largest amount a line may hold (15 integer digits)"
                            .formatted(id, budget, raise));
        }
    }

    private CommandRefusedException insufficient(String title, String detail) {
        return new CommandRefusedException(409, title, detail, Map.of("available", available(), "line", id));
    }

    /** Lines are posted to only while their year is open (not before it is opened, not after it is closed). */
    private static void requireOpen(FiscalYearRegister fiscalYears, FiscalYearId fiscalYear) {
        switch (fiscalYears.statusOf(fiscalYear)) {
            case OPEN -> {}
            case NOT_OPENED ->
                throw new CommandRefusedException(
                        409,
                        "Fiscal year not open",
                        "Fiscal year %s has not been opened".formatted(fiscalYear),
                        Map.of("fiscalYear", fiscalYear.toString(), "status", "NOT_OPENED"));
            case CLOSED ->
                throw new CommandRefusedException(
                        409,
                        "Fiscal year closed",
                        "Fiscal year %s is closed: nothing more is posted to it".formatted(fiscalYear),
                        Map.of("fiscalYear", fiscalYear.toString(), "status", "CLOSED"));
        }
    }

    /** Bean Validation refuses these at the edge already; the aggregate keeps its own invariants anyway. */
    private static void requirePositive(Money amount) {
        if (amount == null || !amount.isPositive()) {
            throw new CommandRefusedException(
                    422,
                    "Amount must be positive",
                    "amount must be a positive amount of yuan, was " + amount,
                    Map.of("field", "amount"));
        }
    }
}
