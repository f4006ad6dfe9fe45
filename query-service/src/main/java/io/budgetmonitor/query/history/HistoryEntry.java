package io.budgetmonitor.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One recorded fact with both times an auditor needs (业务日期 occurredOn, 记账时间 recordedAt), who recorded
 * it (the authenticated principal), whom the client said it recorded for ({@code onBehalfOf}, its
 * claim, null when it made none), and its link in its aggregate's hash chain: {@code prevHash} is the
 * {@code eventHash} of the aggregate's previous entry (hex SHA-256; both null for events published
 * before the chain existed, {@code prevHash} null for an aggregate's first event). command-service's
 * {@code /api/v1/audit/verify} recomputes them from the event store.
 */
public record HistoryEntry(
        long position,
        String eventId,
        String type,
        String aggregateId,
        long sequenceNumber,
        LocalDate occurredOn,
        Instant recordedAt,
        String recordedBy,
        String onBehalfOf,
        String correlationId,
        JsonNode event,
        String eventHash,
        String prevHash) {}
