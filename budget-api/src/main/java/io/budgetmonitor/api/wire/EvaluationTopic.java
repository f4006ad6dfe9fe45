package io.budgetmonitor.api.wire;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The kinds of message on {@code budget.evaluations.v1}: each carries its type in the {@code ce_type}
 * header (the name CloudEvents' Kafka binding gives it), so a reader picks the record to read without
 * parsing the body first. A message without the header is an evaluation snapshot: scoring-service
 * published those before the topic had a second kind.
 */
public final class EvaluationTopic {

    public static final String TYPE_HEADER = "ce_type";

    private EvaluationTopic() {}

    /** The message's type; {@link EvaluationTaken#TYPE} when it names none. */
    public static String typeOf(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(TYPE_HEADER);
        return header == null || header.value() == null
                ? EvaluationTaken.TYPE
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static byte[] typeHeader(String type) {
        return type.getBytes(StandardCharsets.UTF_8);
    }
}
