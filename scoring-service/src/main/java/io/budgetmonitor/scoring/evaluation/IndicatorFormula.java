package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;

/** One formula kind of the rubric language. */
interface IndicatorFormula {

    FormulaKind kind();

    LeafScore score(RubricIndicator indicator, IndicatorInputs inputs, Rubric rubric);
}
