package io.budgetmonitor.api.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.api.events.BudgetEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The Kafka wire format of {@link RecordedEvent}: a CloudEvent (binary mode over Kafka) whose
 * {@code type} is the event name and version, {@code subject} the aggregate id, {@code time} the
 * recording instant, data the event as JSON, and extensions for the stream sequence number, the
 * log position, who recorded it and the correlation id, whom the client said it recorded for
 * ({@code onbehalfof}: absent when it said nothing), and the event's link in its aggregate's hash chain
 * ({@code eventhash}, {@code prevhash}: hex SHA-256). Each is absent on messages older than it, which
 * stay readable.
 */
public final class CloudEventCodec {

    public static final URI SOURCE = URI.create("urn:budget-monitor:command-service");
    public static final String SEQUENCE_NUMBER = "sequencenumber";
    public static final String LOG_POSITION = "logposition";
    public static final String RECORDED_BY = "recordedby";
    public static final String CORRELATION_ID = "correlationid";
    public static final String ON_BEHALF_OF = "onbehalfof";
    public static final String EVENT_HASH = "eventhash";
    public static final String PREV_HASH = "prevhash";
    public static final String JSON = "application/json";

    private final ObjectMapper mapper;

    public CloudEventCodec() {
        this(BudgetJson.mapper());
    }

    public CloudEventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public CloudEvent encode(RecordedEvent recorded) {
        return encode(Attributes.of(recorded), toJson(recorded.event()));
    }

    /**
     * The same CloudEvent from an event that is already JSON in the contract's dialect (the payload the event
     * store holds, written by the same {@link BudgetJson} settings): the publisher sends those bytes as they
     * are instead of parsing them into an event and writing it again. Readers decode both alike.
     */
    public CloudEvent encode(Attributes attributes, byte[] json) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(attributes.eventId())
                .withSource(SOURCE)
                .withType(attributes.type())
                .withSubject(attributes.aggregateId())
                .withTime(attributes.recordedAt().atOffset(ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withData(json)
                .withExtension(SEQUENCE_NUMBER, attributes.sequenceNumber())
                .withExtension(LOG_POSITION, attributes.position());
        if (attributes.recordedBy() != null) {
            builder.withExtension(RECORDED_BY, attributes.recordedBy());
        }
        if (attributes.correlationId() != null) {
            builder.withExtension(CORRELATION_ID, attributes.correlationId());
        }
        if (attributes.onBehalfOf() != null) {
            builder.withExtension(ON_BEHALF_OF, attributes.onBehalfOf());
        }
        if (attributes.eventHash() != null) {
            builder.withExtension(EVENT_HASH, attributes.eventHash());
        }
        if (attributes.prevHash() != null) {
            builder.withExtension(PREV_HASH, attributes.prevHash());
        }
        return builder.build();
    }

    /**
     * Everything of a {@link RecordedEvent} but the event itself: what travels as CloudEvent attributes and
     * extensions. {@code type} is the event's {@link EventTypes} name and version.
     */
    public record Attributes(
            String eventId,
            String type,
            String aggregateId,
            long sequenceNumber,
            long position,
            Instant recordedAt,
            String recordedBy,
            String correlationId,
            String onBehalfOf,
            String eventHash,
            String prevHash) {

        public Attributes {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(aggregateId, "aggregateId");
            Objects.requireNonNull(recordedAt, "recordedAt");
        }

        public static Attributes of(RecordedEvent recorded) {
            return new Attributes(
                    recorded.eventId(),
                    recorded.type(),
                    recorded.aggregateId(),
                    recorded.sequenceNumber(),
                    recorded.position(),
                    recorded.recordedAt(),
                    recorded.recordedBy(),
                    recorded.correlationId(),
                    recorded.onBehalfOf(),
                    recorded.eventHash(),
                    recorded.prevHash());
        }
    }

    /**
     * Reads a CloudEvent back.
     *
     * @throws UnreadableEventException when the type is unknown to this reader or the data does not
     *                                  parse: the caller parks the message instead of guessing.
     */
    public RecordedEvent decode(CloudEvent cloudEvent) {
        Class<? extends BudgetEvent> type = EventTypes.classOf(cloudEvent.getType())
                .orElseThrow(() -> new UnreadableEventException("unknown event type " + cloudEvent.getType()));
        if (cloudEvent.getData() == null || cloudEvent.getTime() == null || cloudEvent.getSubject() == null) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " lacks data, time or subject");
        }
        try {
            BudgetEvent event = mapper.readValue(cloudEvent.getData().toBytes(), type);
            return new RecordedEvent(
                    cloudEvent.getId(),
                    cloudEvent.getSubject(),
                    longExtension(cloudEvent, SEQUENCE_NUMBER),
                    longExtension(cloudEvent, LOG_POSITION),
                    cloudEvent.getTime().toInstant(),
                    stringExtension(cloudEvent, RECORDED_BY),
                    stringExtension(cloudEvent, CORRELATION_ID),
                    event,
                    stringExtension(cloudEvent, ON_BEHALF_OF),
                    stringExtension(cloudEvent, EVENT_HASH),
                    stringExtension(cloudEvent, PREV_HASH));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEventException(
                    "event " + cloudEvent.getId() + " of type " + cloudEvent.getType() + " does not parse: "
                            + e.getMessage(),
                    e);
        }
    }

    public byte[] toJson(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static long longExtension(CloudEvent cloudEvent, String name) {
        Object value = cloudEvent.getExtension(name);
        if (value == null) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " lacks extension " + name);
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }

    private static String stringExtension(CloudEvent cloudEvent, String name) {
        Object value = cloudEvent.getExtension(name);
        return value == null ? null : value.toString();
    }
}
