package io.budgetmonitor.query.web;

/** Maps to 400 problem+json with the offending field. */
public class BadRequestException extends RuntimeException {
    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
