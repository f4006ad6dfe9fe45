package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import java.time.LocalDate;

/**
 * Running figures of one budget line (预算项目): its adjusted budget (调整后预算) and its execution (执行数).
 * Mutable on purpose: it is the in-memory image of one {@code rm.budget_line} row plus its
 * {@code rm.line_quarter} rows, updated in place as events apply.
 */
public final class LineFigures {
    final String line;
    String name;
    FundSource fundSource;
    ExpenditureType expenditureType;
    ThreePublicCategory threePublic = ThreePublicCategory.NONE;
    boolean appropriation;
    Money allocated = Money.ZERO;
    Money supplements = Money.ZERO;
    Money reductions = Money.ZERO;
    Money transfersIn = Money.ZERO;
    Money transfersOut = Money.ZERO;
    Money disbursed = Money.ZERO;
    Money reversed = Money.ZERO;
    Money reclaimed = Money.ZERO;
    Money carriedOver = Money.ZERO;
    int rejectedCount;
    Money lastRejectedAmount;
    Money lastRejectedAvailable;
    LocalDate lastRejectedOn;
    Long lastRejectedPosition;
    String lastRejectedEvent;
    long lastPosition = -1;
    String lastEventId;
    /** Disbursed and reversed per quarter of the business date, index 0..3. */
    final Money[] quarterDisbursed = {Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO};

    final Money[] quarterReversed = {Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO};

    LineFigures(String line) {
        this.line = line;
    }

    public String line() {
        return line;
    }

    public String name() {
        return name;
    }

    public FundSource fundSource() {
        return fundSource;
    }

    public ExpenditureType expenditureType() {
        return expenditureType;
    }

    public ThreePublicCategory threePublic() {
        return threePublic;
    }

    public boolean appropriation() {
        return appropriation;
    }

    public Money allocated() {
        return allocated;
    }

    public Money reclaimed() {
        return reclaimed;
    }

    public Money carriedOver() {
        return carriedOver;
    }

    public int rejectedCount() {
        return rejectedCount;
    }

    public Money lastRejectedAmount() {
        return lastRejectedAmount;
    }

    public Money lastRejectedAvailable() {
        return lastRejectedAvailable;
    }

    public LocalDate lastRejectedOn() {
        return lastRejectedOn;
    }

    public String lastRejectedEvent() {
        return lastRejectedEvent;
    }

    public String lastEventId() {
        return lastEventId;
    }

    public long lastPosition() {
        return lastPosition;
    }

    /** 调整预算数 = 年初 + 追加 − 追减 + 调入 − 调出. */
    public Money budget() {
        return allocated.plus(supplements).minus(reductions).plus(transfersIn).minus(transfersOut);
    }

    /** Adjustments alone (追加 − 追减). */
    public Money adjustments() {
        return supplements.minus(reductions);
    }

    /** Net transfers (调入 − 调出). */
    public Money transfers() {
        return transfersIn.minus(transfersOut);
    }

    /** 执行数 = 支出 − 冲销. */
    public Money executed() {
        return disbursed.minus(reversed);
    }

    /** What can still be spent: budget − executed − reclaimed − carried over. */
    public Money available() {
        return budget().minus(executed()).minus(reclaimed).minus(carriedOver);
    }

    /** Net disbursements dated in quarters 1..q (cumulative to the quarter's last day). */
    public Money executedThroughQuarter(int q) {
        Money sum = Money.ZERO;
        for (int i = 0; i < q; i++) {
            sum = sum.plus(quarterDisbursed[i]).minus(quarterReversed[i]);
        }
        return sum;
    }

    public Money quarterDisbursed(int q) {
        return quarterDisbursed[q - 1];
    }

    public Money quarterReversed(int q) {
        return quarterReversed[q - 1];
    }
}
