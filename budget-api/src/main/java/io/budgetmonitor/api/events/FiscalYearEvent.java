package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.FiscalYearId;

/** A fact about a department's fiscal year as a whole: periods, performance targets, assessments. */
public sealed interface FiscalYearEvent extends BudgetEvent
        permits FiscalYearOpened,
                QuarterClosed,
                FiscalYearClosed,
                ProcurementPlanApproved,
                AssetUtilizationReported,
                PerformanceTargetSet,
                PerformanceTargetAdjusted,
                PerformanceProgressReported,
                QualitativeAssessmentRecorded,
                BonusPenaltyRecorded,
                DeviationExplained {

    default FiscalYearId fiscalYearId() {
        return new FiscalYearId(department(), fiscalYear());
    }

    @Override
    default String aggregateId() {
        return fiscalYearId().toString();
    }
}
