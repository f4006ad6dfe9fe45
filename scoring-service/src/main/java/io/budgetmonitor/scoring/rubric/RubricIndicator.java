package io.budgetmonitor.scoring.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * One indicator of a rubric (评价指标): a leaf with a formula, or a group (kind SUM) whose points are
 * the sum of its children.
 */
public record RubricIndicator(
        String code, LocalizedName name, BigDecimal max, FormulaSpec formula, List<RubricIndicator> children) {

    public RubricIndicator {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public boolean isGroup() {
        return !children.isEmpty();
    }
}
