package io.budgetmonitor.command.dispatch;

import org.axonframework.messaging.MetaData;

import java.util.UUID;

/**
 * Who recorded a command and under which correlation id (经办人, 关联号). Both go into the command's
 * Axon metadata and from there, through the correlation data provider, into every event it causes.
 */
public record RequestMetadata(String recordedBy, String correlationId) {

    public static final String RECORDED_BY = "recordedBy";
    public static final String CORRELATION_ID = "correlationId";
    public static final String ANONYMOUS = "anonymous";

    public RequestMetadata {
        recordedBy = recordedBy == null || recordedBy.isBlank() ? ANONYMOUS : recordedBy.strip();
        correlationId = correlationId == null || correlationId.isBlank() ? UUID.randomUUID().toString() : correlationId.strip();
    }

    public static RequestMetadata of(String recordedBy, String correlationId) {
        return new RequestMetadata(recordedBy, correlationId);
    }

    MetaData toMetaData() {
        return MetaData.with(RECORDED_BY, recordedBy).and(CORRELATION_ID, correlationId);
    }
}
