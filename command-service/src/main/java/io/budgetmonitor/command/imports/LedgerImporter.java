package io.budgetmonitor.command.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.command.budgetline.DisbursementOutcome;
import io.budgetmonitor.command.dispatch.CommandDispatcher;
import io.budgetmonitor.command.dispatch.CommandDispatcher.Dispatched;
import io.budgetmonitor.command.dispatch.RequestMetadata;
import io.budgetmonitor.command.eventstore.EventLog;
import io.budgetmonitor.command.imports.ImportReport.RejectedLine;
import io.budgetmonitor.command.web.CommandBinder;
import io.budgetmonitor.command.web.DisbursementProblems;
import io.budgetmonitor.command.web.InputErrors;
import io.budgetmonitor.command.web.InvalidInputException;
import io.budgetmonitor.command.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a ledger in the NDJSON scenario format (API.md §1), one command per line, in order, as it
 * streams in: memory stays constant whatever the size (only rejected lines are kept for the report).
 * A malformed, invalid or refused line is reported and skipped; every other line is applied.
 */
@Service
public class LedgerImporter {

    private static final Logger log = LoggerFactory.getLogger(LedgerImporter.class);

    private final ObjectReader commandReader;
    private final CommandBinder binder;
    private final CommandDispatcher dispatcher;
    private final EventLog eventLog;
    private final Counter linesCounter;

    public LedgerImporter(ObjectMapper mapper, CommandBinder binder, CommandDispatcher dispatcher, EventLog eventLog,
                          MeterRegistry meterRegistry) {
        this.commandReader = mapper.readerFor(BudgetCommand.class);
        this.binder = binder;
        this.dispatcher = dispatcher;
        this.eventLog = eventLog;
        this.linesCounter = Counter.builder("budget.import.lines").description("NDJSON lines imported").register(meterRegistry);
    }

    public ImportReport run(BufferedReader ndjson, RequestMetadata metadata) throws IOException {
        long started = System.nanoTime();
        long lineNumber = 0;
        long accepted = 0;
        long duplicates = 0;
        List<RejectedLine> rejected = new ArrayList<>();
        List<String> lastStoredEvents = List.of();
        String text;
        while ((text = ndjson.readLine()) != null) {
            lineNumber++;
            if (text.isBlank()) {
                continue;
            }
            linesCounter.increment();
            BudgetCommand command;
            try {
                command = binder.validate(commandReader.readValue(text));
            } catch (JsonProcessingException e) {
                InvalidInputException invalid = InputErrors.unreadable(e);
                rejected.add(new RejectedLine(lineNumber, 400, invalid.title(), invalid.getMessage()));
                continue;
            } catch (InvalidInputException invalid) {
                rejected.add(new RejectedLine(lineNumber, 400, invalid.title(), invalid.getMessage()));
                continue;
            }
            try {
                Dispatched dispatched = dispatcher.dispatch(command, metadata);
                if (!dispatched.recorded().isEmpty()) {
                    lastStoredEvents = dispatched.eventIds();
                }
                if (dispatched.result() instanceof DisbursementOutcome.AlreadyRecorded) {
                    duplicates++;
                } else if (dispatched.result() instanceof DisbursementOutcome.Rejected refusal) {
                    rejected.add(new RejectedLine(lineNumber, 409, DisbursementProblems.REJECTED_TITLE, DisbursementProblems.detail(refusal)));
                } else {
                    accepted++;
                }
            } catch (RuntimeException failure) {
                ProblemDetail problem = Problems.forCommandFailure(failure).orElse(null);
                if (problem == null) {
                    log.error("import line {} failed", lineNumber, failure);
                    rejected.add(new RejectedLine(lineNumber, 500, "Internal error", String.valueOf(failure.getMessage())));
                } else {
                    rejected.add(new RejectedLine(lineNumber, problem.getStatus(), problem.getTitle(), problem.getDetail()));
                }
            }
        }
        long position = eventLog.positionOf(lastStoredEvents);
        long elapsedMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        log.info("imported {} lines in {} ms ({} lines/s): {} accepted, {} duplicates, {} rejected, position {}",
                lineNumber, elapsedMillis, lineNumber * 1000 / elapsedMillis, accepted, duplicates, rejected.size(), position);
        return new ImportReport(accepted, duplicates, rejected, position, lineNumber, elapsedMillis);
    }
}
