package io.budgetmonitor.query.consumption;

import io.budgetmonitor.api.wire.CloudEventCodec;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Decodes records ourselves rather than in the Kafka deserializer, so an unreadable record becomes a
 * parked dead letter with its error instead of a container-level failure that stalls the partition.
 */
@Component
class EventDecoder {
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();
    private final CloudEventCodec codec = new CloudEventCodec();

    Incoming decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent cloudEvent = null;
        try {
            cloudEvent = deserializer.deserialize(record.topic(), record.headers(), record.value());
            return Incoming.readable(record, codec.decode(cloudEvent));
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (cloudEvent == null) {
                return new Incoming(record, null, error, null, null, record.key(), null);
            }
            return new Incoming(
                    record,
                    null,
                    error,
                    cloudEvent.getId(),
                    cloudEvent.getType(),
                    cloudEvent.getSubject() != null ? cloudEvent.getSubject() : record.key(),
                    sequence(cloudEvent));
        }
    }

    private static Long sequence(CloudEvent cloudEvent) {
        Object value = cloudEvent.getExtension(CloudEventCodec.SEQUENCE_NUMBER);
        if (value == null) {
            return null;
        }
        try {
            return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
