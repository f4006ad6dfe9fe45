package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.security.DepartmentScope;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A dashboard that stops reading (its socket write blocks) holds up nobody else, and once it reads
 * again it gets every transition it missed, once, in order, even past its bounded outbox.
 */
class SlowSubscriberTest extends IntegrationTest {

    @Autowired
    AlertRepository repository;

    /** Takes its subscription comment, then stops reading: every later send blocks until released. */
    static final class Stuck extends RecordingEmitter {
        final CountDownLatch released = new CountDownLatch(1);

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            if (sends.isEmpty()) { // the subscription comment: nothing else is recorded before it
                super.send(builder);
                return;
            }
            try {
                if (!released.await(2, TimeUnit.MINUTES)) {
                    throw new IOException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            super.send(builder);
        }
    }

    private List<Long> storedIdsAfter(String department, long id) {
        return jdbc.queryForList(
                "select id from alert_transition where department = ? and id > ? order by id",
                Long.class,
                department,
                id);
    }

    /** The monitor's day moves to {@code date} and it re-evaluates (only today's evaluation writes). */
    private void evaluate(String department, String date) {
        clock.setDate(LocalDate.parse(date));
        assertThat(io.budgetmonitor.query.support.Http.post(
                                baseUrl() + "/api/v1/admin/evaluations?department=" + department + "&year=2021", null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSubscriberThatStopsReadingHoldsUpNobodyAndLaterGetsEverythingInOrder() throws Exception {
        // an outbox of one event: the stuck subscriber is past it after the first transition
        AlertStreamDispatcher dispatcher = new AlertStreamDispatcher(repository, 60_000, 2, 1);
        dispatcher.start();
        try {
            long before = jdbc.queryForObject("select coalesce(max(id), 0) from alert_transition", Long.class);
            AlertFilter slowDept = new AlertFilter("SLOW", null, null, DepartmentScope.all());
            Stuck stuck = new Stuck();
            RecordingEmitter fast = new RecordingEmitter();
            dispatcher.subscribe(slowDept, before, stuck);
            dispatcher.subscribe(slowDept, before, fast);

            clock.setDate(LocalDate.of(2021, 6, 30));
            publish(scenario().behindSchedule("SLOW"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> storedIdsAfter("SLOW", before).size() >= 3);
            evaluate("SLOW", "2021-03-31");
            evaluate("SLOW", "2021-05-15");
            evaluate("SLOW", "2021-06-30");
            List<Long> all = storedIdsAfter("SLOW", before);
            assertThat(all).hasSizeGreaterThanOrEqualTo(12);

            // the stuck subscriber's writer is blocked in its first send; the other one has everything
            await().atMost(Duration.ofSeconds(30)).until(() -> fast.ids.size() == all.size());
            assertThat(fast.ids).containsExactlyElementsOf(all);
            assertThat(stuck.ids).isEmpty();

            stuck.released.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> stuck.ids.size() == all.size());
            assertThat(stuck.ids)
                    .as("caught up from the table, once each, in order")
                    .containsExactlyElementsOf(all);
        } finally {
            dispatcher.stop();
        }
    }
}
