package io.budgetmonitor.api.commands;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;

/**
 * A request to change the budget year: one line of the scenario / ledger format (API.md §1), where
 * {@code type} names the command. Commands are validated with Bean Validation before they are sent;
 * the aggregates then decide them against the recorded facts. Every command is dated inside its
 * fiscal year's {@link BookingPeriod}.
 */
@DatedInBookingPeriod
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = OpenFiscalYear.class, name = "OpenFiscalYear"),
    @JsonSubTypes.Type(value = AllocateBudget.class, name = "AllocateBudget"),
    @JsonSubTypes.Type(value = AdjustBudget.class, name = "AdjustBudget"),
    @JsonSubTypes.Type(value = TransferBudget.class, name = "TransferBudget"),
    @JsonSubTypes.Type(value = RecordDisbursement.class, name = "RecordDisbursement"),
    @JsonSubTypes.Type(value = ReverseDisbursement.class, name = "ReverseDisbursement"),
    @JsonSubTypes.Type(value = CloseQuarter.class, name = "CloseQuarter"),
    @JsonSubTypes.Type(value = ReclaimFunds.class, name = "ReclaimFunds"),
    @JsonSubTypes.Type(value = CarryOverFunds.class, name = "CarryOverFunds"),
    @JsonSubTypes.Type(value = CloseFiscalYear.class, name = "CloseFiscalYear"),
    @JsonSubTypes.Type(value = ApproveProcurementPlan.class, name = "ApproveProcurementPlan"),
    @JsonSubTypes.Type(value = ReportAssetUtilization.class, name = "ReportAssetUtilization"),
    @JsonSubTypes.Type(value = SetPerformanceTarget.class, name = "SetPerformanceTarget"),
    @JsonSubTypes.Type(value = AdjustPerformanceTarget.class, name = "AdjustPerformanceTarget"),
    @JsonSubTypes.Type(value = ReportPerformanceProgress.class, name = "ReportPerformanceProgress"),
    @JsonSubTypes.Type(value = RecordQualitativeAssessment.class, name = "RecordQualitativeAssessment"),
    @JsonSubTypes.Type(value = RecordBonusPenalty.class, name = "RecordBonusPenalty"),
    @JsonSubTypes.Type(value = ExplainDeviation.class, name = "ExplainDeviation")
})
public sealed interface BudgetCommand permits BudgetLineCommand, FiscalYearCommand, TransferBudget {

    String department();

    Integer fiscalYear();

    LocalDate occurredOn();

    /** The aggregate that decides this command (a budget line or the fiscal year). */
    String targetAggregateId();
}
