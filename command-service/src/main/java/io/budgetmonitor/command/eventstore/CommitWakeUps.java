package io.budgetmonitor.command.eventstore;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;

/**
 * Wakes the tracking processors' streams when this process commits events (提交后唤醒), and otherwise has them
 * look at the log's tail once per fetch delay (events another instance committed).
 *
 * <p>Why: without Axon's shared read-ahead (see {@code EventStoreConfiguration}) a processor's stream is its
 * own, and nothing tells it that events were committed: Axon's wake-up goes to the shared reader only, so an
 * idle publisher would notice a payment only when its one-second wait ended (measured: alert latency p50
 * 1,030 ms instead of 44 ms). A stream asked for events waits here instead, and each look is one indexed read
 * of the log's tail.
 */
final class CommitWakeUps {

    private final long fetchDelayNanos;
    private long commits;

    CommitWakeUps(long fetchDelayMillis) {
        this.fetchDelayNanos = TimeUnit.MILLISECONDS.toNanos(fetchDelayMillis);
    }

    /** Events of this process have committed: every waiting stream looks again now. */
    synchronized void committed() {
        commits++;
        notifyAll();
    }

    TrackingEventStream wrap(TrackingEventStream stream) {
        return new WakingStream(stream);
    }

    /** Waits until {@link #committed()} is called after {@code seen}, or {@code nanos} pass. */
    private synchronized void await(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (commits == seen && left > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
            left = deadline - System.nanoTime();
        }
    }

    private synchronized long commits() {
        return commits;
    }

    private final class WakingStream implements TrackingEventStream {

        private final TrackingEventStream delegate;

        private WakingStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                long seen = commits();
                if (delegate.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                await(seen, Math.min(left, fetchDelayNanos));
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                // waits in hasNextAvailable; the delegate's own wait would only end on Axon's shared reader
            }
            return delegate.nextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return delegate.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
