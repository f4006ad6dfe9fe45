package io.budgetmonitor.query.web;

/** A request that contradicts the state it finds (e.g. acknowledging a resolved alert): 409 problem+json. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
