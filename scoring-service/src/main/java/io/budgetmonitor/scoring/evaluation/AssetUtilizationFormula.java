package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.Ratio;
import io.budgetmonitor.scoring.rubric.RubricIndicator;

/** 固定资产利用率: fixed assets in use ÷ all fixed assets, times max. */
final class AssetUtilizationFormula extends RateTimesMaxFormula {

    @Override
    public FormulaKind kind() {
        return FormulaKind.ASSET_UTILIZATION;
    }

    @Override
    protected Ratio ratio(RubricIndicator indicator) {
        return Ratio.FIXED_ASSET_UTILIZATION;
    }
}
