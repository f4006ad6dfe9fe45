package io.budgetmonitor.scoring.rubric;

import java.math.BigDecimal;
import java.util.List;

/** A dimension of the rubric (评价维度): 管理效能 (A) or 履职效能 (B). */
public record RubricPart(String code, LocalizedName name, BigDecimal max, List<RubricIndicator> indicators) {

    public RubricPart {
        indicators = List.copyOf(indicators);
    }
}
