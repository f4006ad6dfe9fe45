package io.budgetmonitor.command.eventstore;

import java.util.function.Supplier;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon units of work on Spring transactions. A unit of work joins the transaction the thread holds
 * (REQUIRED): a REST command is one transaction, and the reads and the append of the event store
 * inside it add no statement of their own. Only where a caller asks for it ({@link #isolatingEachCommand},
 * the import's per-line fallback after a failed batch write) does each command get a SAVEPOINT, so
 * that a failed line is rolled back alone while the batch's other lines stay.
 *
 * <p>Axon's own {@link SpringTransactionManager} only commits or rolls back a status that is a new
 * transaction; a savepoint would be neither released nor rolled back. Here a savepoint is completed
 * too, and a joined transaction is left to its owner (a failed command that joined one does not mark
 * it rollback-only: the owner decides, e.g. the import batch that keeps its other lines).
 */
public class UnitOfWorkTransactions implements TransactionManager {

    private static final ThreadLocal<Boolean> ISOLATING = ThreadLocal.withInitial(() -> false);

    private final Owned joining;
    private final Owned isolated;

    public UnitOfWorkTransactions(PlatformTransactionManager transactions) {
        this.joining = new Owned(transactions, TransactionDefinition.PROPAGATION_REQUIRED);
        this.isolated = new Owned(transactions, TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Runs {@code work} with a savepoint around each command it dispatches on this thread. */
    public static <T> T isolatingEachCommand(Supplier<T> work) {
        boolean before = ISOLATING.get();
        ISOLATING.set(true);
        try {
            return work.get();
        } finally {
            ISOLATING.set(before);
        }
    }

    /** The store's own transactions (reads, appends): always joined, never a savepoint. */
    public static TransactionManager joiningOnly(PlatformTransactionManager transactions) {
        return new Owned(transactions, TransactionDefinition.PROPAGATION_REQUIRED);
    }

    @Override
    public Transaction startTransaction() {
        return (ISOLATING.get() ? isolated : joining).startTransaction();
    }

    private static final class Owned extends SpringTransactionManager {

        private final PlatformTransactionManager transactions;

        Owned(PlatformTransactionManager transactions, int propagation) {
            super(transactions, new DefaultTransactionDefinition(propagation));
            this.transactions = transactions;
        }

        @Override
        protected void commitTransaction(TransactionStatus status) {
            if (ownedHere(status)) {
                transactions.commit(status);
            }
        }

        @Override
        protected void rollbackTransaction(TransactionStatus status) {
            if (ownedHere(status)) {
                transactions.rollback(status);
            }
        }

        private static boolean ownedHere(TransactionStatus status) {
            return !status.isCompleted() && (status.isNewTransaction() || status.hasSavepoint());
        }
    }
}
