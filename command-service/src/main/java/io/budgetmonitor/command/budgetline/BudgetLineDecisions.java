package io.budgetmonitor.command.budgetline;

import io.budgetmonitor.api.commands.AdjustBudget;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.api.commands.CarryOverFunds;
import io.budgetmonitor.api.commands.ReclaimFunds;
import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.commands.ReverseDisbursement;
import io.budgetmonitor.command.fiscalyear.FiscalYearRegister;
import java.util.Objects;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Decides a command on an existing budget line (支出, 冲销, 追加/追减, 财政收回, 结转) by calling the
 * line's own command handler on the aggregate loaded in the caller's unit of work: the rules are
 * {@link BudgetLine}'s, the events go through Axon's aggregate lifecycle into the same unit of work,
 * event store and registers as a dispatched command's. What it leaves out is the per-command machinery
 * of the command bus — a command message, a nested unit of work, interceptors, handler lookup — which
 * an import batch deciding hundreds of lines in ONE unit of work does not need (it was a quarter of the
 * import's CPU).
 *
 * <p>Without a nested unit of work nothing can be rolled back in memory, so it relies on what every
 * one of these handlers does: refuse (throw) before applying anything. A handler that threw after
 * applying an event would leave it in the unit of work; that is reported as an
 * {@link IllegalStateException}, which makes the import give up its in-memory batch and apply the
 * lines one by one, each in its own unit of work, as before.
 */
@Component
public class BudgetLineDecisions {

    private final Repository<BudgetLine> lines;
    private final FiscalYearRegister fiscalYears;
    private final VoucherBook vouchers;

    public BudgetLineDecisions(Repository<BudgetLine> lines, FiscalYearRegister fiscalYears, VoucherBook vouchers) {
        this.lines = lines;
        this.fiscalYears = fiscalYears;
        this.vouchers = vouchers;
    }

    /** Whether {@link #decide} takes this command: one about an existing line (not its allocation). */
    public static boolean decides(BudgetCommand command) {
        return command instanceof RecordDisbursement
                || command instanceof ReverseDisbursement
                || command instanceof AdjustBudget
                || command instanceof ReclaimFunds
                || command instanceof CarryOverFunds;
    }

    /**
     * Decides the command in the current unit of work and returns what its handler returns (a
     * {@link DisbursementOutcome} for a payment, else null). Refusals are the handler's exceptions; an
     * unknown line is Axon's {@code AggregateNotFoundException}, as through the command bus.
     */
    public Object decide(BudgetCommand command) {
        if (!decides(command)) {
            throw new IllegalArgumentException(
                    "not decided here: " + command.getClass().getSimpleName());
        }
        Aggregate<BudgetLine> line = lines.load(command.targetAggregateId());
        Long before = line.version();
        try {
            return line.invoke(budgetLine -> handle(budgetLine, command));
        } catch (RuntimeException refusal) {
            if (!Objects.equals(before, line.version())) {
                throw new IllegalStateException(
                        "line " + command.targetAggregateId() + " applied events and then failed", refusal);
            }
            throw refusal;
        }
    }

    private Object handle(BudgetLine line, BudgetCommand command) {
        if (command instanceof RecordDisbursement payment) {
            return line.handle(payment, fiscalYears, vouchers);
        }
        if (command instanceof ReverseDisbursement reversal) {
            line.handle(reversal, fiscalYears, vouchers);
        } else if (command instanceof AdjustBudget adjustment) {
            line.handle(adjustment, fiscalYears);
        } else if (command instanceof ReclaimFunds reclaim) {
            line.handle(reclaim, fiscalYears);
        } else if (command instanceof CarryOverFunds carryOver) {
            line.handle(carryOver, fiscalYears);
        }
        return null;
    }
}
