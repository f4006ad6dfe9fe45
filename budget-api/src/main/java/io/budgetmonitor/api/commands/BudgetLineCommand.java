package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.BudgetLineId;

/** A command decided by one budget line. */
public sealed interface BudgetLineCommand extends BudgetCommand
        permits AllocateBudget, AdjustBudget, RecordDisbursement, ReverseDisbursement, ReclaimFunds, CarryOverFunds {

    String line();

    default BudgetLineId lineId() {
        return new BudgetLineId(department(), fiscalYear(), line());
    }

    @Override
    default String targetAggregateId() {
        return lineId().toString();
    }
}
