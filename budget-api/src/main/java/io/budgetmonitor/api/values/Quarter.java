package io.budgetmonitor.api.values;

import java.time.LocalDate;

/** A quarter (季度) of a fiscal year; Chinese fiscal years are calendar years. */
public record Quarter(int number) {

    public Quarter {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("quarter must be 1..4, was " + number);
        }
    }

    public static Quarter of(int number) {
        return new Quarter(number);
    }

    public static Quarter containing(LocalDate date) {
        return new Quarter((date.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay(int fiscalYear) {
        return LocalDate.of(fiscalYear, (number - 1) * 3 + 1, 1);
    }

    public LocalDate lastDay(int fiscalYear) {
        return firstDay(fiscalYear).plusMonths(3).minusDays(1);
    }
}
