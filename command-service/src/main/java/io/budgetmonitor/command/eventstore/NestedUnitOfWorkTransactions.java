package io.budgetmonitor.command.eventstore;

import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon units of work on Spring transactions, NESTED: a caller that already holds a transaction (the
 * import commits many lines at once) gives each command a savepoint, so a refused or failed command
 * is rolled back alone; without an outer transaction each command is an ordinary transaction.
 *
 * <p>Axon's own {@link SpringTransactionManager} only commits or rolls back a status that is a new
 * transaction; a savepoint would be neither released nor rolled back, and a failed command's
 * partial writes would ride along with the batch. Here a savepoint is completed too.
 */
public class NestedUnitOfWorkTransactions extends SpringTransactionManager {

    private final PlatformTransactionManager transactions;

    public NestedUnitOfWorkTransactions(PlatformTransactionManager transactions) {
        super(transactions, new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
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
