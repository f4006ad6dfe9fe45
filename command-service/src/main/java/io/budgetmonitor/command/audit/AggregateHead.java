package io.budgetmonitor.command.audit;

/** The last stored event of one aggregate: where its chain ends now. */
public record AggregateHead(String aggregateId, long sequenceNumber, byte[] eventHash) {}
