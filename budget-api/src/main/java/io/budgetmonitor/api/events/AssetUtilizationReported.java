package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/** 固定资产利用情况: book value of fixed assets in use and in total; the latest report counts. */
public record AssetUtilizationReported(
        String department, int fiscalYear, Money inUse, Money total, LocalDate occurredOn) implements FiscalYearEvent {}
