package io.budgetmonitor.command.publishing;

import io.budgetmonitor.api.wire.LogWatermark;
import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends a {@link LogWatermark} to every partition of {@code budget.events.v1} after a batch's events were
 * acknowledged: "every event with a position ≤ W is on the topic before this record". W is the last
 * tracking token's position below its first open gap: an index allocated to a transaction not yet
 * committed may still come, so it is not claimed; an index {@link AbandonedIndexes} has proved will never
 * hold an event is not a gap any more. A reader's position is the smallest watermark it has handled over
 * all partitions, which makes it comparable with the position a command returns whatever the partition
 * count.
 *
 * <p>A gap left by a rolled-back or killed transaction is proved abandoned only after the batch that
 * revealed it, and the log may be quiet then: so the proof is also taken every
 * {@code budget.events.gap-check-interval} (500 ms), and a watermark that moved is sent at once. Without
 * this the readers' position stayed below such a gap until Axon dropped it, 10,000 events later.
 */
@Component
public class LogWatermarkPublisher {

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final String topic;
    private final long ackTimeoutSeconds;
    private final AbandonedIndexes abandoned;

    /** The token of the last acknowledged batch: its position and its gaps (guarded by this). */
    private long index = -1;

    private SortedSet<Long> gaps = new TreeSet<>();
    private long sent = -1;

    public LogWatermarkPublisher(
            KafkaTemplate<String, CloudEvent> budgetEventsTemplate,
            PublishingProperties properties,
            AbandonedIndexes abandoned) {
        this.kafka = budgetEventsTemplate;
        this.topic = properties.topic();
        this.ackTimeoutSeconds = properties.ackTimeout().toSeconds();
        this.abandoned = abandoned;
    }

    /** Called once the batch's events are acknowledged; a failure fails the batch, which is published again. */
    public synchronized void afterBatch(EventMessage<?> last) {
        if (!(last instanceof TrackedEventMessage<?> tracked)
                || !(tracked.trackingToken() instanceof GapAwareTrackingToken token)) {
            return;
        }
        index = token.getIndex();
        gaps = new TreeSet<>(token.getGaps());
        abandoned.retainGaps(gaps);
        send(publishedThrough());
    }

    /** Takes the next step of proving the open gaps abandoned, and sends the watermark if it moved. */
    @Scheduled(
            initialDelayString = "${budget.events.gap-check-interval:PT0.5S}",
            fixedDelayString = "${budget.events.gap-check-interval:PT0.5S}")
    public synchronized void settleGaps() {
        if (index < 0 || publishedThrough() == index) {
            return;
        }
        abandoned.settle(gaps);
        long through = publishedThrough();
        if (through > sent) {
            send(through);
        }
    }

    /** Every event at or below this position has been handed over: below the first gap not abandoned. */
    long publishedThrough() {
        for (long gap : gaps) {
            if (!abandoned.isAbandoned(gap)) {
                return gap - 1;
            }
        }
        return index;
    }

    private void send(long through) {
        int partitions = kafka.partitionsFor(topic).size();
        List<CompletableFuture<SendResult<String, CloudEvent>>> sends = new ArrayList<>(partitions);
        for (var mark : LogWatermark.forEveryPartition(topic, partitions, through, Instant.now())) {
            sends.add(kafka.send(mark));
        }
        kafka.flush();
        try {
            for (var send : sends) {
                send.get(ackTimeoutSeconds, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the log watermark", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not acknowledge the log watermark; the batch is published again", e);
        }
        sent = Math.max(sent, through);
    }
}
