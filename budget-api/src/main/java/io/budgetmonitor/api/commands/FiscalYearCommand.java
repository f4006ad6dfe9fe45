package io.budgetmonitor.api.commands;

import io.budgetmonitor.api.values.FiscalYearId;

/** A command decided by the department's fiscal year. */
public sealed interface FiscalYearCommand extends BudgetCommand
        permits OpenFiscalYear,
                CloseQuarter,
                CloseFiscalYear,
                ApproveProcurementPlan,
                ReportAssetUtilization,
                SetPerformanceTarget,
                AdjustPerformanceTarget,
                ReportPerformanceProgress,
                RecordQualitativeAssessment,
                RecordBonusPenalty,
                ExplainDeviation {

    default FiscalYearId fiscalYearId() {
        return new FiscalYearId(department(), fiscalYear());
    }

    @Override
    default String targetAggregateId() {
        return fiscalYearId().toString();
    }
}
