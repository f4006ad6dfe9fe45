package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.security.DepartmentScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The first write of a subscription (the ": subscribed" comment, which commits the response headers) is made by
 * the subscribing request's own thread, before {@code subscribe} returns. A writer thread that made it raced the
 * request thread's own header writes (Spring Security's), and Tomcat now and then failed serialising the headers:
 * that dashboard never got a usable stream (seen once in CI; 1 in 31 repetitions of 50 subscribers under load).
 */
class SubscriptionHandshakeTest extends IntegrationTest {

    @Autowired
    AlertRepository repository;

    @Test
    void theSubscriptionCommentIsWrittenOnTheSubscribingThreadBeforeSubscribeReturns() {
        AlertStreamDispatcher dispatcher = new AlertStreamDispatcher(repository, 60_000, 2, 10);
        dispatcher.start();
        try {
            RecordingEmitter emitter = new RecordingEmitter();
            dispatcher.subscribe(new AlertFilter("HANDSHAKE", null, null, DepartmentScope.all()), null, emitter);

            assertThat(emitter.sends)
                    .as("already sent when subscribe returned, by the subscribing thread")
                    .containsExactly(Thread.currentThread().getName() + " :subscribed");
        } finally {
            dispatcher.stop();
        }
    }
}
