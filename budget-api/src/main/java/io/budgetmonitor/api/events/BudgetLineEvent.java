package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.BudgetLineId;

/** A fact about one budget line: its budget, spending and year-end settlement. */
public sealed interface BudgetLineEvent extends BudgetEvent
        permits BudgetAllocated,
                BudgetAdjusted,
                BudgetTransferredOut,
                BudgetTransferredIn,
                DisbursementRecorded,
                DisbursementRejected,
                DisbursementReversed,
                FundsReclaimed,
                FundsCarriedOver {

    String line();

    default BudgetLineId lineId() {
        return new BudgetLineId(department(), fiscalYear(), line());
    }

    @Override
    default String aggregateId() {
        return lineId().toString();
    }
}
