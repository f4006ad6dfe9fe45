package io.budgetmonitor.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetmonitor.command.dispatch.RecordedEventRef;
import java.util.List;

/**
 * What a command recorded: its events (type, aggregate, sequence number, content) and the log
 * position to wait for on the read side; who recorded it (the principal) and for whom the client said
 * it did ({@code onBehalfOf}, absent without {@code X-Recorded-By}).
 */
public record CommandResponse(
        String command,
        String aggregateId,
        List<RecordedEventRef> recorded,
        long position,
        String recordedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String onBehalfOf,
        String correlationId) {}
