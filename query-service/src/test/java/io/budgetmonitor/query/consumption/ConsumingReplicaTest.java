package io.budgetmonitor.query.consumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.budgetmonitor.query.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.ErrorResponseException;

/**
 * Three replicas, one consumer: the replica holding the advisory lock consumes, the others stand by
 * and one takes over when it stops or its database session dies.
 */
class ConsumingReplicaTest extends IntegrationTest {

    static final long TEST_LOCK = 990_001L; // not the service's own lock: its replica keeps consuming meanwhile

    @Autowired
    DataSource dataSource;

    @Autowired
    ConsumingReplica servicesOwnReplica;

    static final class CountingRole implements ConsumingReplica.Role {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger stopped = new AtomicInteger();

        @Override
        public void startConsuming() {
            started.incrementAndGet();
        }

        @Override
        public void stopConsuming() {
            stopped.incrementAndGet();
        }
    }

    final CountingRole firstRole = new CountingRole();
    final CountingRole secondRole = new CountingRole();
    ConsumingReplica first;
    ConsumingReplica second;

    private ConsumingReplica replica(CountingRole role) {
        return new ConsumingReplica(
                dataSource,
                new StaticListableBeanFactory(Map.of("role", role)).getBeanProvider(ConsumingReplica.Role.class),
                TEST_LOCK,
                200,
                true);
    }

    /** Two replicas contending for the test lock, started in this order. */
    private void startTwoReplicas() {
        first = replica(firstRole);
        second = replica(secondRole);
        first.start();
        second.start();
    }

    @AfterEach
    void stopReplicas() {
        for (ConsumingReplica replica : new ConsumingReplica[] {first, second}) {
            if (replica != null) {
                replica.stop();
            }
        }
    }

    @Test
    void aSingleReplicaConsumesFromItsStart() {
        assertThat(servicesOwnReplica.isConsuming()).isTrue();
    }

    @Test
    void oneReplicaConsumesAndAnotherTakesOverWhenItStops() {
        startTwoReplicas();

        assertThat(first.isConsuming()).isTrue();
        assertThat(second.isConsuming()).isFalse();
        assertThat(secondRole.started).hasValue(0);
        assertThatThrownBy(() -> second.requireConsuming("A rebuild"))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(409));

        first.stop();

        assertThat(firstRole.stopped).hasValue(1);
        await().atMost(Duration.ofSeconds(10)).until(second::isConsuming);
        assertThat(secondRole.started).hasValue(1);
    }

    @Test
    void aReplicaWhoseDatabaseSessionDiesStopsConsumingAndAnotherTakesOver() {
        startTwoReplicas();
        assertThat(first.isConsuming()).isTrue();

        // what a crashed pod or a cut connection looks like to PostgreSQL: the session is gone
        Integer terminated = jdbc.queryForObject(
                "select count(pg_terminate_backend(pid)) from pg_locks "
                        + "where locktype = 'advisory' and classid = 0 and objid = ? and granted",
                Integer.class,
                (int) TEST_LOCK);
        assertThat(terminated).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> !first.isConsuming() && second.isConsuming());
        assertThat(firstRole.stopped).hasValue(1);
        assertThat(secondRole.started).hasValue(1);
    }
}
