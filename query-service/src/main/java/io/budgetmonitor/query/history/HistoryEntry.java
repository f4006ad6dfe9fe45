package io.budgetmonitor.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One recorded fact with both times an auditor needs (业务日期 occurredOn, 记账时间 recordedAt), who recorded
 * it (the authenticated principal) and whom the client said it recorded for ({@code onBehalfOf}, its
 * claim, null when it made none).
 */
public record HistoryEntry(long position, String eventId, String type, String aggregateId, long sequenceNumber,
                           LocalDate occurredOn, Instant recordedAt, String recordedBy, String onBehalfOf,
                           String correlationId, JsonNode event) {
}
