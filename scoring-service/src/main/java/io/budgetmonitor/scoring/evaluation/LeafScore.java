package io.budgetmonitor.scoring.evaluation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** What a formula returns for one leaf indicator. */
record LeafScore(
        BigDecimal max,
        BigDecimal points,
        BigDecimal rate,
        String formula,
        Map<String, String> inputs,
        String explanation,
        List<DeductionView> deductions,
        boolean notApplicable,
        TaskScore task) {

    static LeafScore of(
            BigDecimal max,
            BigDecimal points,
            BigDecimal rate,
            String formula,
            Map<String, String> inputs,
            String explanation) {
        return new LeafScore(max, points, rate, formula, inputs, explanation, List.of(), false, null);
    }
}
