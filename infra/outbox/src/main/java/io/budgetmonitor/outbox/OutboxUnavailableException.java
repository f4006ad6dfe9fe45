package io.budgetmonitor.outbox;

/** A relay round could not hand a row to the broker; the row stays unsent and the next round retries it. */
public class OutboxUnavailableException extends RuntimeException {
    public OutboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
