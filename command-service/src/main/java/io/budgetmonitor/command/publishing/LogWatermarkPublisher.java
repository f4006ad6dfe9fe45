package io.budgetmonitor.command.publishing;

import io.budgetmonitor.api.wire.LogWatermark;
import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends a {@link LogWatermark} to every partition of {@code budget.events.v1} after a batch's events were
 * acknowledged: "every event with a position ≤ W is on the topic before this record". W is the last
 * tracking token's position below its first gap (an index allocated to a transaction not yet committed,
 * or one that never will): events past a gap may still come, so they are not claimed. A reader's position
 * is the smallest watermark it has handled over all partitions, which makes it comparable with the
 * position a command returns whatever the partition count.
 */
@Component
public class LogWatermarkPublisher {

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final String topic;
    private final long ackTimeoutSeconds;

    public LogWatermarkPublisher(
            KafkaTemplate<String, CloudEvent> budgetEventsTemplate, PublishingProperties properties) {
        this.kafka = budgetEventsTemplate;
        this.topic = properties.topic();
        this.ackTimeoutSeconds = properties.ackTimeout().toSeconds();
    }

    /** The position every event at or below which the processor has handed over, from the batch's last message. */
    static OptionalLong publishedThrough(EventMessage<?> last) {
        if (!(last instanceof TrackedEventMessage<?> tracked)) {
            return OptionalLong.empty();
        }
        TrackingToken token = tracked.trackingToken();
        if (token instanceof GapAwareTrackingToken gapAware) {
            return OptionalLong.of(
                    gapAware.getGaps().isEmpty()
                            ? gapAware.getIndex()
                            : gapAware.getGaps().first() - 1);
        }
        return OptionalLong.empty();
    }

    /** Called once the batch's events are acknowledged; a failure fails the batch, which is published again. */
    public void afterBatch(EventMessage<?> last) {
        OptionalLong through = publishedThrough(last);
        if (through.isEmpty()) {
            return;
        }
        int partitions = kafka.partitionsFor(topic).size();
        List<CompletableFuture<SendResult<String, CloudEvent>>> sends = new ArrayList<>(partitions);
        for (var mark : LogWatermark.forEveryPartition(topic, partitions, through.getAsLong(), Instant.now())) {
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
    }
}
