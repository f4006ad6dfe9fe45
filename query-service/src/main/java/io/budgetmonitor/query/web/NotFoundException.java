package io.budgetmonitor.query.web;

/** Maps to 404 problem+json. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
