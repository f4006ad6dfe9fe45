package io.budgetmonitor.scoring.web;

/** The request lost a race with another that changed the same thing (409): read again and resend. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
