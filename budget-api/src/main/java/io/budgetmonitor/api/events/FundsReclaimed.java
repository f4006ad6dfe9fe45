package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/** 财政收回: unspent funds of the line taken back by the finance bureau at year end. */
public record FundsReclaimed(String department, int fiscalYear, String line, Money amount, LocalDate occurredOn)
        implements BudgetLineEvent {}
