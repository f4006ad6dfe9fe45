package io.budgetmonitor.command.dispatch;

import io.budgetmonitor.command.eventstore.PostgresDuplicateKeyResolver;
import java.sql.SQLException;
import java.util.function.Predicate;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Which command failures are worth deciding again (重试): lost races, not refusals.
 *
 * <ul>
 *   <li>another instance appended to the same aggregate first: the unique key (aggregate, sequence)
 *       fails the append ({@link ConcurrencyException});</li>
 *   <li>another line recorded the same voucher first: the {@code voucher_book} key fails the insert
 *       of the subscribing handler ({@link DuplicateKeyException}); deciding again finds the voucher
 *       and answers AlreadyRecorded or a conflict;</li>
 *   <li>serialization failures and deadlocks (SQLSTATE 40001, 40P01).</li>
 * </ul>
 * Creating an aggregate that exists ({@link AggregateStreamCreationException}) is not a race to
 * retry: the answer would be the same.
 */
public final class RetryableFailures {

    private RetryableFailures() {}

    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return false;
            }
            if (t instanceof ConcurrencyException
                    || t instanceof DuplicateKeyException
                    || t instanceof PessimisticLockingFailureException) {
                return true;
            }
        }
        return PostgresDuplicateKeyResolver.hasSqlState(
                failure, PostgresDuplicateKeyResolver.UNIQUE_VIOLATION, "40001", "40P01");
    }

    /**
     * The predicate for Axon's retry scheduler, which calls it on every link of the cause chain and
     * gives up when any link is "non-transient". So a link counts as transient when it is (or wraps) a
     * retryable failure, or is the low-level cause below one (SQL or store exceptions).
     */
    public static Predicate<Throwable> nonTransient() {
        return t -> !(isRetryable(t)
                || t instanceof SQLException
                || t instanceof EventStoreException
                || t.getClass().getName().startsWith("org.postgresql."));
    }
}
