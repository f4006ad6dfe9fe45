package io.budgetmonitor.scoring.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The rubric's rounding, in one place: a rate is rounded HALF_UP to 4 decimals (a percentage with 2)
 * before it is scored, and points are rounded HALF_UP to 2 decimals
 * (93.66% → 2 × 0.9366 = 1.8732 → 1.87).
 */
public final class Scores {

    public static final int RATE_SCALE = 4;
    public static final int POINTS_SCALE = 2;
    /** scale of intermediate quotients that are not themselves scored (e.g. one quarter's rate) */
    static final int WORKING_SCALE = 12;

    private Scores() {}

    /** numerator ÷ denominator rounded to a scored rate; the caller has ruled out a zero denominator. */
    public static BigDecimal rate(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, RATE_SCALE, RoundingMode.HALF_UP);
    }

    public static BigDecimal points(BigDecimal value) {
        return value.setScale(POINTS_SCALE, RoundingMode.HALF_UP);
    }

    /** max × min(rate, 1), rounded to points. */
    public static BigDecimal capped(BigDecimal max, BigDecimal rate) {
        return points(max.multiply(rate.min(BigDecimal.ONE).max(BigDecimal.ZERO)));
    }

    /** 93.66% (a rate with 4 decimals as a percentage with 2). */
    public static String percent(BigDecimal rate) {
        return rate.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** A step such as 0.05 as the seed writes it: 5.0%. */
    public static String stepPercent(BigDecimal step) {
        BigDecimal pct = step.movePointRight(2).stripTrailingZeros();
        return (pct.scale() < 1 ? pct.setScale(1) : pct).toPlainString() + "%";
    }

    /** Points as the seed writes them: 2, 1.5, 1.87. */
    public static String show(BigDecimal points) {
        BigDecimal stripped = points.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    public static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** A rate as the API writes it: the ratio with 4 decimals, e.g. "0.9366". */
    public static String ratio(BigDecimal rate) {
        return rate == null
                ? null
                : rate.setScale(RATE_SCALE, RoundingMode.HALF_UP).toPlainString();
    }
}
