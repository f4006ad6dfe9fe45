package io.budgetmonitor.outbox;

import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a service puts a message it must publish: a row in its {@code outbox} table, written in the caller's
 * transaction, so the message exists if and only if what it announces was committed. After the commit the
 * relay is woken; it sends the row (see {@link OutboxRelay}).
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final Runnable wakeRelay;

    public Outbox(JdbcTemplate jdbc, Runnable wakeRelay) {
        this.jdbc = jdbc;
        this.wakeRelay = wakeRelay;
    }

    /**
     * Writes the message in the current transaction. A message whose id is already in the outbox is not
     * written again (the same announcement, decided twice).
     *
     * @throws IllegalTransactionStateException without a transaction: a message written outside one could
     *                                          announce something that is then rolled back
     */
    public void append(OutboxMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "an outbox message is written in the transaction of what it announces; there is none");
        }
        jdbc.update(
                "insert into outbox (topic, message_key, event_id, event_type, subject, occurred_at, payload) "
                        + "values (?,?,?,?,?,?,?) on conflict (event_id) do nothing",
                message.topic(),
                message.key(),
                message.id(),
                message.type(),
                message.subject(),
                Timestamp.from(message.time()),
                message.data());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wakeRelay.run();
            }
        });
    }
}
