package io.budgetmonitor.scoring.evaluation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * 指标得分: one indicator of a snapshot, explained.
 *
 * @param parent        the group or part it belongs to
 * @param value         the scored rate as a decimal string ratio ("0.9366"), null when the indicator has none
 * @param formula       the rule in words
 * @param inputs        the amounts and counts used, as decimal strings
 * @param explanation   Chinese, in the style of the seed report
 * @param notApplicable the ratio had no denominator and the rubric's not-applicable rule gave the points
 */
public record IndicatorScore(
        String code,
        String name,
        String parent,
        BigDecimal max,
        BigDecimal points,
        String value,
        String formula,
        Map<String, String> inputs,
        String explanation,
        List<DeductionView> deductions,
        boolean notApplicable) {}
