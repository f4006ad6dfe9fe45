package io.budgetmonitor.command.dispatch;

import java.util.Objects;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.messaging.MetaData;

/**
 * Who recorded a command, for whom they say they did, and under which correlation id (经办人, 代办,
 * 关联号). All go into the command's Axon metadata and from there, through the correlation data
 * provider, into every event it causes.
 *
 * @param recordedBy    the authenticated principal, never a value the client sends
 * @param onBehalfOf    the client's claim ({@code X-Recorded-By}), null when it made none
 * @param correlationId the client's, or a new one
 */
public record RequestMetadata(String recordedBy, String onBehalfOf, String correlationId) {

    public static final String RECORDED_BY = "recordedBy";
    public static final String ON_BEHALF_OF = "onBehalfOf";
    public static final String CORRELATION_ID = "correlationId";

    public RequestMetadata {
        Objects.requireNonNull(recordedBy, "recordedBy is the authenticated principal");
        onBehalfOf = onBehalfOf == null || onBehalfOf.isBlank() ? null : onBehalfOf.strip();
        correlationId = correlationId == null || correlationId.isBlank()
                ? IdentifierFactory.getInstance().generateIdentifier()
                : correlationId.strip();
    }

    public static RequestMetadata of(String recordedBy, String onBehalfOf, String correlationId) {
        return new RequestMetadata(recordedBy, onBehalfOf, correlationId);
    }

    MetaData toMetaData() {
        MetaData metaData = MetaData.with(RECORDED_BY, recordedBy).and(CORRELATION_ID, correlationId);
        return onBehalfOf == null ? metaData : metaData.and(ON_BEHALF_OF, onBehalfOf);
    }
}
