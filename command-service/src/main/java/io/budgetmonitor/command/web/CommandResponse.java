package io.budgetmonitor.command.web;

import io.budgetmonitor.command.dispatch.RecordedEventRef;

import java.util.List;

/**
 * What a command recorded: its events (type, aggregate, sequence number, content) and the log
 * position to wait for on the read side.
 */
public record CommandResponse(String command, String aggregateId, List<RecordedEventRef> recorded, long position,
                              String recordedBy, String correlationId) {
}
