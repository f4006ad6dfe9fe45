package io.budgetmonitor.query.monitoring;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ExecutionCalculator;
import io.budgetmonitor.query.execution.LineFigures;
import io.budgetmonitor.query.execution.Rates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * A local projection of the execution-based indicators of the year-end score (预计得分), used by
 * PROJECTED_SCORE_DROP instead of consuming scoring-service's snapshots: A1.1 budget completion
 * (2 × min(projected year-end rate, 1)), A1.5 average quarterly execution (closed quarters as
 * scored, open ones assumed on target), A5.1 public-expense and A5.2 three-public control (2 each
 * while projected ≤ 100%). Out of 8 points; linear projection = executed ÷ time progress.
 */
public final class ScoreProjection {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private ScoreProjection() {}

    /** Null before the end of the first quarter: a projection from a few weeks is noise. */
    public static BigDecimal project(DepartmentYearState state, BigDecimal timeProgress) {
        if (timeProgress.compareTo(new BigDecimal("0.25")) < 0) {
            return null;
        }
        BigDecimal score = BigDecimal.ZERO;
        BigDecimal rate = Rates.ratio(state.executed(), state.budget());
        if (rate != null) {
            BigDecimal projected =
                    rate.divide(timeProgress, 4, RoundingMode.HALF_UP).min(BigDecimal.ONE);
            score = score.add(TWO.multiply(projected));
        }
        BigDecimal quarterSum = BigDecimal.ZERO;
        for (int q = 1; q <= 4; q++) {
            BigDecimal scored = BigDecimal.ONE;
            if (state.closes().containsKey(q)) {
                BigDecimal vs = Rates.ratio(
                        ExecutionCalculator.quarterCumulativeRate(state, q),
                        ExecutionCalculator.quarterTarget(state, q));
                scored = vs == null ? BigDecimal.ONE : vs.min(BigDecimal.ONE);
            }
            quarterSum = quarterSum.add(scored);
        }
        score = score.add(TWO.multiply(quarterSum.divide(BigDecimal.valueOf(4), 4, RoundingMode.HALF_UP)));
        score = score.add(
                controlPoints(state, timeProgress, l -> l.expenditureType() == ExpenditureType.PUBLIC_EXPENSE));
        score = score.add(controlPoints(
                state,
                timeProgress,
                l -> l.threePublic() != null && l.threePublic().isThreePublic()));
        return score.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal controlPoints(
            DepartmentYearState state, BigDecimal progress, Predicate<LineFigures> filter) {
        Money budget = ExecutionCalculator.sum(state.lines(), filter, LineFigures::budget);
        if (budget.isZero()) {
            return TWO;
        }
        Money executed = ExecutionCalculator.sum(state.lines(), filter, LineFigures::executed);
        BigDecimal projected = executed.amount().divide(progress, 2, RoundingMode.HALF_UP);
        return projected.compareTo(budget.amount()) <= 0 ? TWO : BigDecimal.ZERO;
    }
}
