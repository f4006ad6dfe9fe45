package io.budgetmonitor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/** What the consumer retries (an outage of its database) and what it parks (a refusal of the event). */
class OutagesTest {

    @Test
    void aRollbackThatFailedWhilePostgresRestartedIsAnOutage() {
        // what the fault suite saw: "TransactionSystemException: JDBC rollback failed" during a restart
        assertThat(Outages.isOutage(new TransactionSystemException("JDBC rollback failed")))
                .isTrue();
    }

    @Test
    void aConnectionStateAnywhereInTheCausesIsAnOutage() {
        var terminated = new SQLException("terminating connection due to administrator command", "57P01");
        assertThat(Outages.isOutage(new UncategorizedSQLException("apply", "insert ...", terminated)))
                .isTrue();
        assertThat(Outages.isOutage(new IllegalStateException(
                        "wrapped", new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
                .isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("deadlock detected", "40P01"))))
                .isTrue();
    }

    @Test
    void aRefusalOfTheEventIsNotAnOutage() {
        assertThat(Outages.isOutage(new IllegalArgumentException("a year needs four quarterly targets")))
                .isFalse();
        assertThat(Outages.isOutage(
                        new DataIntegrityViolationException("check", new SQLException("value too long", "22001"))))
                .isFalse();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("invalid byte sequence", "22021"))))
                .isFalse();
        assertThat(Outages.isOutage(new SQLException("no state"))).isFalse();
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(Outages.isOutage(a)).isFalse();
    }
}
