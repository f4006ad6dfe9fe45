package io.budgetmonitor.query.consumption;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Which replica consumes the log (消费副本). Every replica answers queries and streams alerts from the
 * shared tables, but only one applies events, re-evaluates the monitor and publishes alerts: a
 * department-year's lines travel on different partitions, and two replicas each applying part of
 * them to their own in-memory state would write back each other's stale totals. The replica that
 * holds a PostgreSQL session-level advisory lock consumes; the others stand by, in the same
 * consumer group, and one of them takes over within {@code budget.consumption.check-interval-millis}
 * of the lock's release: on a stop the replica releases it, on a crash or a lost connection
 * PostgreSQL does when the session ends.
 *
 * <p>On taking over, the in-memory state is reloaded from the tables before the first event.
 * A replica that can no longer confirm its session (the check query fails) stops consuming at once,
 * so two replicas overlap at most for one check interval, and only after a database failure.
 */
@Component
public class ConsumingReplica implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ConsumingReplica.class);

    /** What the replica does when it starts or stops consuming. */
    public interface Role {
        void startConsuming();

        void stopConsuming();
    }

    private final DataSource dataSource;
    private final ObjectProvider<Role> role;
    private final long lockKey;
    private final long checkMillis;
    private final boolean enabled;
    private ScheduledExecutorService checker;
    private Connection session;
    private volatile boolean consuming;
    private volatile boolean running;

    /** The role arrives lazily: the consumer depends, through its listeners, on services that ask this class. */
    public ConsumingReplica(
            DataSource dataSource,
            ObjectProvider<Role> role,
            @Value("${budget.consumption.lock-key:7243001}") long lockKey,
            @Value("${budget.consumption.check-interval-millis:5000}") long checkMillis,
            @Value("${budget.consumption.enabled:true}") boolean enabled) {
        this.enabled = enabled;
        this.dataSource = dataSource;
        this.role = role;
        this.lockKey = lockKey;
        this.checkMillis = checkMillis;
    }

    /** Whether this replica consumes the log (and so evaluates and publishes alerts). */
    public boolean isConsuming() {
        return consuming;
    }

    /**
     * For a one-shot run (which does not consume): takes the consuming replica's lock until this
     * context stops, or refuses if a replica holds it.
     */
    public synchronized void holdExclusively(String what) {
        if (!tryLock()) {
            closeSession();
            throw new IllegalStateException(what + " needs the event log to itself, but a query-service replica is"
                    + " consuming it: stop the replicas first, or use POST /api/v1/admin/rebuild on the consuming one");
        }
    }

    /** Refuses, as 409 problem+json, a change that only the consuming replica makes. */
    public void requireConsuming(String what) {
        if (!consuming) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT,
                    what
                            + " runs on the replica that consumes the event log, and this one is standing by: send it again"
                            + " (another replica may answer) or to the replica whose /actuator/health says role=consuming");
            problem.setTitle("Standby replica");
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!enabled) {
            return; // a one-shot run (query-service --rebuild) reads the log itself
        }
        check(); // at once: a single replica consumes from its first second
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consuming-replica-check");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(this::check, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void check() {
        if (!running) {
            return;
        }
        if (consuming) {
            if (!sessionAlive()) {
                log.error("lost the consuming replica's database session: standing by");
                standBy();
            }
            return;
        }
        if (tryLock()) {
            log.info("this replica consumes the event log (advisory lock {})", lockKey);
            consuming = true;
            try {
                role.getObject().startConsuming();
            } catch (RuntimeException e) {
                log.error("could not start consuming; releasing the lock", e);
                standBy();
            }
        }
    }

    private boolean tryLock() {
        try {
            if (session == null || session.isClosed()) {
                session = dataSource.getConnection();
                session.setAutoCommit(true);
            }
            try (PreparedStatement lock = session.prepareStatement("select pg_try_advisory_lock(?)")) {
                lock.setLong(1, lockKey);
                try (ResultSet result = lock.executeQuery()) {
                    return result.next() && result.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            log.warn("cannot try the consuming replica's lock: {}", e.toString());
            closeSession();
            return false;
        }
    }

    private boolean sessionAlive() {
        try {
            return session != null && session.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void standBy() {
        consuming = false;
        try {
            role.getObject().stopConsuming();
        } finally {
            closeSession(); // ends the session: PostgreSQL releases the lock
        }
    }

    /**
     * Releases the lock and gives the connection back. Closing a pooled connection does not end its
     * session, and a session-level lock outlives the borrower: it is released explicitly (a dead
     * session has lost it already).
     */
    private void closeSession() {
        if (session != null) {
            try (PreparedStatement unlock = session.prepareStatement("select pg_advisory_unlock_all()")) {
                unlock.execute();
            } catch (SQLException e) {
                // a dead session holds nothing
            }
            try {
                session.close();
            } catch (SQLException e) {
                // the session is gone either way
            }
            session = null;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (checker != null) {
            checker.shutdownNow();
        }
        if (consuming) {
            standBy();
        } else {
            closeSession();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the Kafka listener registry (whose listener here does not start by itself), stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
