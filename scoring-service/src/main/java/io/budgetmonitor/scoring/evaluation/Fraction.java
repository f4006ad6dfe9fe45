package io.budgetmonitor.scoring.evaluation;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A ratio's exact numerator and denominator with the inputs that made them.
 *
 * @param denominatorLabel the denominator in Chinese, for the not-applicable explanation
 */
record Fraction(BigDecimal numerator, BigDecimal denominator, Map<String, String> inputs, String denominatorLabel) {

    Fraction {
        inputs = new LinkedHashMap<>(inputs);
    }

    /** The rate rounded to 4 decimals, or empty when the denominator is 0 (不适用, never a division error). */
    Optional<BigDecimal> rate() {
        return denominator.signum() == 0 ? Optional.empty() : Optional.of(Scores.rate(numerator, denominator));
    }
}
