package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rates (执行率) are ratios of exact amounts rounded HALF_UP to 4 decimals ("0.9366" = 93.66%), the
 * precision the rubric scores from; the monitor compares the same rounded figures users see.
 */
public final class Rates {
    private Rates() {}

    /** numerator ÷ denominator to 4 decimals, or null when the denominator is zero. */
    public static BigDecimal ratio(Money numerator, Money denominator) {
        if (denominator.isZero()) {
            return null;
        }
        return numerator.amount().divide(denominator.amount(), 4, RoundingMode.HALF_UP);
    }

    public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, 4, RoundingMode.HALF_UP);
    }

    public static BigDecimal round(BigDecimal ratio) {
        return ratio == null ? null : ratio.setScale(4, RoundingMode.HALF_UP);
    }

    public static String text(BigDecimal ratio) {
        return ratio == null ? null : round(ratio).toPlainString();
    }

    /** "93.66%"-style text for messages, one decimal ("31.2%"). */
    public static String percent(BigDecimal ratio) {
        return ratio == null
                ? "n/a"
                : ratio.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** Percentage points between two ratios, one decimal ("18.8"). */
    public static String points(BigDecimal ratioPoints) {
        return ratioPoints.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}
