package io.budgetmonitor.command.eventstore;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises PostgreSQL's {@code unique_violation} (SQLSTATE 23505) anywhere in the cause chain, and
 * in the "next exception" of a batch, where the driver puts the real reason of a failed batch insert.
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    public static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return hasSqlState(exception, UNIQUE_VIOLATION);
    }

    public static boolean hasSqlState(Throwable failure, String... states) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    for (String state : states) {
                        if (state.equals(s.getSQLState())) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
