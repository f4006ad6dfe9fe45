package io.budgetmonitor.command.audit;

/**
 * One row of the event store as the hash chain sees it: every column the canonical form covers,
 * exactly as stored (texts unparsed), plus the two hashes the database wrote beside it.
 *
 * @param aggregateType   Axon's aggregate type ({@code type} column), null for an event without aggregate
 * @param timestamp       the recording instant as stored ({@code time_stamp}, ISO-8601 text)
 * @param payload         the event as stored JSON; it holds the business date (业务日期 occurredOn)
 * @param metaData        stored JSON metadata: recordedBy (经办人) and the correlation id
 * @param eventHash       SHA-256 the database computed at insert
 * @param prevHash        the hash of the aggregate's previous event as recorded at insert; null at sequence 0
 */
public record StoredEvent(
        long globalIndex,
        String eventId,
        String aggregateId,
        long sequenceNumber,
        String aggregateType,
        String timestamp,
        String payloadType,
        String payloadRevision,
        String payload,
        String metaData,
        byte[] eventHash,
        byte[] prevHash) {}
