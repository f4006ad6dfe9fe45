package io.budgetmonitor.command.input;

import java.util.List;

/** Bad input (400): nothing was sent to the aggregates, nothing was stored. */
public class InvalidInputException extends RuntimeException {

    private final String title;
    private final List<FieldError> errors;

    public InvalidInputException(String title, String detail, List<FieldError> errors) {
        super(detail);
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
