package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;

/**
 * The running totals of one budget line (预算项目) that the rubric needs, all exact yuan.
 *
 * @param appropriation 财政拨款 (true) or other funds
 */
public record LineInputs(
        String line,
        String name,
        FundSource fundSource,
        ExpenditureType expenditureType,
        ThreePublicCategory threePublic,
        boolean appropriation,
        Money allocated,
        Money supplements,
        Money reductions,
        Money transfersIn,
        Money transfersOut,
        Money disbursed,
        Money reversed,
        Money reclaimed,
        Money carriedOver) {

    /** 调整预算数 = allocated + supplements − reductions + transfers in − transfers out */
    public Money budget() {
        return allocated.plus(supplements).minus(reductions).plus(transfersIn).minus(transfersOut);
    }

    /** 执行数 = disbursements − reversals */
    public Money executed() {
        return disbursed.minus(reversed);
    }

    /** 结余: neither spent, reclaimed nor carried over */
    public Money surplus() {
        return budget().minus(executed()).minus(reclaimed).minus(carriedOver);
    }

    /** A line with only its budget and execution, for tests and projections. */
    public static LineInputs of(
            String line,
            FundSource fundSource,
            ExpenditureType type,
            ThreePublicCategory threePublic,
            boolean appropriation,
            Money budget,
            Money executed,
            Money reclaimed,
            Money carriedOver) {
        return new LineInputs(
                line,
                line,
                fundSource,
                type,
                threePublic,
                appropriation,
                budget,
                Money.ZERO,
                Money.ZERO,
                Money.ZERO,
                Money.ZERO,
                executed,
                Money.ZERO,
                reclaimed,
                carriedOver);
    }

    public LineInputs withExecuted(Money executed) {
        return new LineInputs(
                line,
                name,
                fundSource,
                expenditureType,
                threePublic,
                appropriation,
                allocated,
                supplements,
                reductions,
                transfersIn,
                transfersOut,
                executed.plus(reversed),
                reversed,
                reclaimed,
                carriedOver);
    }
}
