package io.budgetmonitor.command.publishing;

import io.budgetmonitor.api.events.BudgetEvent;
import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.api.wire.EventTypes;
import io.budgetmonitor.command.dispatch.RequestMetadata;
import io.budgetmonitor.command.eventstore.EventLog;
import io.budgetmonitor.command.eventstore.EventLog.StoredPlace;
import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes every stored event to {@code budget.events.v1} (发布): a CloudEvent in Kafka binary mode,
 * key = aggregate id, so each aggregate's events stay in order in one partition.
 *
 * <p>Runs in the tracking processor {@value #PROCESSOR} (one segment, one thread: global log order).
 * Sends within a batch go out back to back (the idempotent producer keeps their order); before the
 * batch's unit of work commits, and with it the token in {@code token_entry}, every send must be
 * acknowledged ({@code acks=all}). A failure rolls the batch back and the processor retries it:
 * delivery is at least once, never with a gap.
 */
@Component
@ProcessingGroup(KafkaPublisher.PROCESSOR)
public class KafkaPublisher {

    public static final String PROCESSOR = "kafka-publisher";
    private static final String PENDING = KafkaPublisher.class.getName() + ".pending";

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final CloudEventCodec codec;
    private final String topic;
    private final long ackTimeoutSeconds;
    private final EventLog eventLog;
    private final LogWatermarkPublisher watermarks;
    private final Serializer eventSerializer;

    public KafkaPublisher(
            KafkaTemplate<String, CloudEvent> budgetEventsTemplate,
            CloudEventCodec codec,
            PublishingProperties properties,
            EventLog eventLog,
            LogWatermarkPublisher watermarks,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.kafka = budgetEventsTemplate;
        this.watermarks = watermarks;
        this.eventLog = eventLog;
        this.codec = codec;
        this.eventSerializer = eventSerializer;
        this.topic = properties.topic();
        this.ackTimeoutSeconds = properties.ackTimeout().toSeconds();
    }

    /**
     * Takes the message, not its payload: a payload parameter would make Axon parse the stored JSON into
     * the event, only for the publisher to write it back to JSON.
     */
    @EventHandler(payloadType = BudgetEvent.class)
    void on(EventMessage<?> message) {
        batch().add(message);
    }

    /**
     * The event's CloudEvent attributes. {@code place} is read from the store: the event's own global index
     * (the tracking token's position is the highest index seen so far, which for an event that fills a gap, a
     * transaction that committed after later ones, is some later event's index) and its hash chain link,
     * which the database computed and Axon's message does not carry.
     */
    static CloudEventCodec.Attributes attributesOf(EventMessage<?> message, StoredPlace place) {
        String aggregateId;
        long sequenceNumber = 0;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequenceNumber = domain.getSequenceNumber();
        } else {
            aggregateId =
                    ((BudgetEvent) message.getPayload()).aggregateId(); // not from the store: no stored form to keep
        }
        @SuppressWarnings("unchecked")
        Class<? extends BudgetEvent> type = (Class<? extends BudgetEvent>) message.getPayloadType();
        return new CloudEventCodec.Attributes(
                message.getIdentifier(),
                EventTypes.typeOf(type),
                aggregateId,
                sequenceNumber,
                place.position(),
                message.getTimestamp(),
                stringOrNull(message.getMetaData().get(RequestMetadata.RECORDED_BY)),
                stringOrNull(message.getMetaData().get(RequestMetadata.CORRELATION_ID)),
                stringOrNull(message.getMetaData().get(RequestMetadata.ON_BEHALF_OF)),
                place.eventHash(),
                place.prevHash());
    }

    /**
     * The event as JSON. A message read from the store hands over the stored bytes as they are (Axon's
     * serialized message returns its serialized form when asked for the serializer that made it); only a
     * message from elsewhere is serialized here, by the same serializer, hence in the same dialect.
     */
    private byte[] jsonOf(EventMessage<?> message) {
        return message.serializePayload(eventSerializer, byte[].class).getData();
    }

    /**
     * The events of the current batch, in log order; the first call per batch registers their
     * publication before the batch (and so the token) commits.
     */
    private List<EventMessage<?>> batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("the Kafka publisher runs inside a unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            List<EventMessage<?>> received = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> publish(received));
            return received;
        });
    }

    /** One query for the batch's log positions and hashes, then the sends back to back, then every ack. */
    private void publish(List<EventMessage<?>> received) {
        Map<String, StoredPlace> places = eventLog.placesOf(
                received.stream().map(EventMessage::getIdentifier).toList());
        List<CompletableFuture<SendResult<String, CloudEvent>>> pending = new ArrayList<>(received.size());
        for (EventMessage<?> message : received) {
            StoredPlace place = places.get(message.getIdentifier());
            if (place == null) {
                throw new IllegalStateException("event " + message.getIdentifier() + " is not in the event store");
            }
            CloudEventCodec.Attributes attributes = attributesOf(message, place);
            pending.add(kafka.send(topic, attributes.aggregateId(), codec.encode(attributes, jsonOf(message))));
        }
        kafka.flush();
        try {
            for (CompletableFuture<SendResult<String, CloudEvent>> send : pending) {
                send.get(ackTimeoutSeconds, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch; it will be published again", e);
        }
        watermarks.afterBatch(received.get(received.size() - 1));
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }
}
