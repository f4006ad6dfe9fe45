package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.KpiInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.Ratio;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;
import java.util.List;

/** 绩效目标完成率 (A6.4): KPIs met ÷ KPIs declared, times max. */
final class KpiCompletionFormula implements IndicatorFormula {

    @Override
    public FormulaKind kind() {
        return FormulaKind.KPI_COMPLETION;
    }

    @Override
    public LeafScore score(RubricIndicator indicator, IndicatorInputs inputs, Rubric rubric) {
        Fraction fraction = Ratios.of(Ratio.KPI_COMPLETION, inputs);
        String formula = "points = max × KPIs met ÷ KPIs declared";
        if (fraction.rate().isEmpty()) {
            return NotApplicable.score(indicator, fraction, formula);
        }
        BigDecimal rate = fraction.rate().get();
        BigDecimal points = Scores.capped(indicator.max(), rate);
        List<String> missed = inputs.kpis().stream()
                .filter(k -> !KpiScoring.score(k).met())
                .map(KpiInputs::name)
                .toList();
        StringBuilder explanation = new StringBuilder(indicator.name().zh())
                .append("为")
                .append(Scores.percent(rate))
                .append("，计算得")
                .append(Scores.show(points))
                .append("分。部门整体支出绩效目标申报表中已实现目标数")
                .append(fraction.numerator().toPlainString())
                .append("个");
        if (!missed.isEmpty()) {
            explanation
                    .append("，另有")
                    .append(missed.size())
                    .append("个绩效指标")
                    .append(String.join(
                            "、", missed.stream().map(n -> "“" + n + "”").toList()))
                    .append("未实现目标值");
        }
        explanation.append("。");
        return LeafScore.of(indicator.max(), points, rate, formula, fraction.inputs(), explanation.toString());
    }
}
