package io.budgetmonitor.consumer;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the reader's database (故障, an outage: connection lost, server restarting, commit or
 * rollback failed, a deadlock) from a refusal of the event itself. An outage says nothing about the event,
 * so the batch must be retried as it is, never split up and parked: parking a valid event because
 * PostgreSQL was restarting would lose it (found by the fault suite, fault b).
 */
final class Outages {

    private Outages() {}

    static boolean isOutage(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof PessimisticLockingFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && isOutageState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes of an outage: 08 connection exception, 53 insufficient resources, 57P01–57P03
     * administrator / crash shutdown and cannot connect now, 40001 / 40P01 serialization failure and deadlock.
     */
    static boolean isOutageState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57P")
                        || state.equals("40001")
                        || state.equals("40P01"));
    }
}
