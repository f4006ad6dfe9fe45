package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import java.time.LocalDate;

/** 预算下达: a line was created with its initial budget. */
public record BudgetAllocated(
        String department,
        int fiscalYear,
        String line,
        String name,
        FundSource fundSource,
        ExpenditureType expenditureType,
        ThreePublicCategory threePublic,
        boolean appropriation,
        Money amount,
        LocalDate occurredOn)
        implements BudgetLineEvent {}
