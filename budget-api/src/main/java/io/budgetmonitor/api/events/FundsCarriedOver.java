package io.budgetmonitor.api.events;

import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;

/** 结转: unspent funds of the line carried over to the next year. */
public record FundsCarriedOver(String department, int fiscalYear, String line, Money amount, LocalDate occurredOn)
        implements BudgetLineEvent {}
