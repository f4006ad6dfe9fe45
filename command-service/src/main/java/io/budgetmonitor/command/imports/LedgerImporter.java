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
import io.budgetmonitor.command.idempotency.CommandFingerprint;
import io.budgetmonitor.command.idempotency.ImportedLines;
import io.budgetmonitor.command.idempotency.ImportedLines.ImportedLine;
import io.budgetmonitor.command.imports.ImportReport.RejectedLine;
import io.budgetmonitor.command.security.CommandPermissions;
import io.budgetmonitor.command.security.CommandPermissions.Refusal;
import io.budgetmonitor.command.web.CommandBinder;
import io.budgetmonitor.command.web.DisbursementProblems;
import io.budgetmonitor.command.web.InputErrors;
import io.budgetmonitor.command.web.InvalidInputException;
import io.budgetmonitor.command.web.Problems;
import io.budgetmonitor.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Applies a ledger in the NDJSON scenario format (API.md §1), one command per line, in order, as it
 * streams in: memory stays constant whatever the size. A line is at most
 * {@code budget.imports.max-line-bytes} (16 KiB) and is parsed under the same rules as a REST
 * request; the report keeps the first {@code budget.imports.max-reported-rejections} rejections and
 * counts the rest. A malformed, invalid or refused line is reported and skipped; every other line is applied.
 *
 * <p>Each line is authorized like the REST route of its command ({@link CommandPermissions}): a
 * command the caller's roles do not allow is reported as 403, one about a department outside its
 * scope as 404 (SECURITY.md), checked before anything else about the line, a re-sent keyed import
 * included, so a refusal does not depend on whether the line was stored before.
 */
@Service
public class LedgerImporter {

    private static final Logger log = LoggerFactory.getLogger(LedgerImporter.class);

    private final ObjectReader commandReader;
    private final CommandBinder binder;
    private final CommandDispatcher dispatcher;
    private final EventLog eventLog;
    private final Counter linesCounter;
    private final PlatformTransactionManager transactions;
    private final ImportBatchCache batchCache;
    private final ImportedLines importedLines;
    private final CommandFingerprint fingerprints;
    private final int batchLines;
    private final long batchNanos;
    private final int maxLineBytes;
    private final int maxReportedRejections;

    private static final TransactionDefinition BATCH =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

    public LedgerImporter(
            ObjectMapper mapper,
            CommandBinder binder,
            CommandDispatcher dispatcher,
            EventLog eventLog,
            MeterRegistry meterRegistry,
            PlatformTransactionManager transactions,
            ImportBatchCache batchCache,
            ImportedLines importedLines,
            CommandFingerprint fingerprints,
            @Value("${budget.imports.batch-lines:250}") int batchLines,
            @Value("${budget.imports.batch-millis:2000}") long batchMillis,
            @Value("${budget.imports.max-line-bytes:16384}") int maxLineBytes,
            @Value("${budget.imports.max-reported-rejections:1000}") int maxReportedRejections) {
        this.maxLineBytes = maxLineBytes;
        this.maxReportedRejections = maxReportedRejections;
        this.transactions = transactions;
        this.batchCache = batchCache;
        this.importedLines = importedLines;
        this.fingerprints = fingerprints;
        this.batchLines = batchLines;
        this.batchNanos = batchMillis * 1_000_000;
        this.commandReader = mapper.readerFor(BudgetCommand.class);
        this.binder = binder;
        this.dispatcher = dispatcher;
        this.eventLog = eventLog;
        this.linesCounter = Counter.builder("budget.import.lines")
                .description("NDJSON lines imported")
                .register(meterRegistry);
    }

    /**
     * Applies the ledger for {@code caller}, whose principal is in {@code metadata}.
     * With an {@code importKey} (the request's Idempotency-Key) the import can be sent again, whole,
     * after a broken connection: lines an earlier import under that key stored are counted as
     * duplicates and skipped; a line that differs from the one stored under its number is refused.
     */
    public ImportReport run(InputStream ndjson, RequestMetadata metadata, Caller caller, Optional<String> importKey)
            throws IOException {
        long started = System.nanoTime();
        ImportedLines.StoredLines storedBefore =
                importKey.map(importedLines::storedUnder).orElse(null);
        Tally tally = new Tally(maxReportedRejections);
        NdjsonLines lines = new NdjsonLines(ndjson, maxLineBytes);
        Batch batch = null;
        long lineNumber = 0;
        NdjsonLines.Line line;
        try {
            while ((line = lines.next()) != null) {
                lineNumber = line.number();
                if (line instanceof NdjsonLines.Text text && text.text().isBlank()) {
                    continue;
                }
                linesCounter.increment();
                BudgetCommand command = parse(line, caller, tally);
                if (command == null) {
                    if (batch != null && batch.isFull()) {
                        // a run of bad lines does not keep an open batch's events invisible for long
                        batch.commit(tally);
                        batch = null;
                    }
                    continue;
                }
                String fingerprint = importKey.isPresent() ? fingerprints.of(command) : null;
                if (storedBefore != null
                        && storedEarlier(storedBefore, lineNumber, fingerprint, importKey.get(), tally)) {
                    continue;
                }
                if (batch == null) {
                    batch = new Batch(transactions.getTransaction(BATCH), importKey.orElse(null));
                }
                apply(lineNumber, command, metadata, batch, fingerprint);
                if (batch.isFull()) {
                    batch.commit(tally);
                    batch = null;
                }
            }
        } catch (IOException | RuntimeException broken) {
            // the client went away mid-body (or worse): the open batch is not half-kept
            if (batch != null) {
                batch.abandon();
            }
            throw broken;
        }
        if (batch != null) {
            batch.commit(tally);
        }
        long position = eventLog.positionOf(tally.lastStoredEvents);
        long elapsedMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        log.info(
                "imported {} lines in {} ms ({} lines/s): {} accepted, {} duplicates, {} rejected, position {}",
                lineNumber,
                elapsedMillis,
                lineNumber * 1000 / elapsedMillis,
                tally.accepted,
                tally.duplicates,
                tally.rejected.count(),
                position);
        // batches and skipped lines report as they go: the report lists rejections in line order
        return new ImportReport(
                tally.accepted,
                tally.duplicates,
                tally.rejected.inLineOrder(),
                tally.rejected.count(),
                position,
                lineNumber,
                elapsedMillis);
    }

    /** The line's command, valid under the same rules as a REST request; null (and reported) if it is not. */
    private BudgetCommand parse(NdjsonLines.Line line, Caller caller, Tally tally) {
        if (line instanceof NdjsonLines.TooLong tooLong) {
            tally.rejected.add(new RejectedLine(
                    line.number(),
                    413,
                    "Line too long",
                    "line " + line.number() + " has " + tooLong.bytes() + " bytes; a line may have at most "
                            + maxLineBytes));
            return null;
        }
        if (line instanceof NdjsonLines.NotUtf8) {
            tally.rejected.add(new RejectedLine(
                    line.number(), 400, InputErrors.MALFORMED_TITLE, "line " + line.number() + " is not valid UTF-8"));
            return null;
        }
        try {
            BudgetCommand command = commandReader.readValue(((NdjsonLines.Text) line).text());
            if (command == null) {
                tally.rejected.add(new RejectedLine(
                        line.number(),
                        400,
                        InputErrors.INVALID_TITLE,
                        "line " + line.number() + " is null, not a command object"));
                return null;
            }
            Optional<Refusal> refusal = CommandPermissions.refusal(caller, command);
            if (refusal.isPresent()) {
                tally.rejected.add(new RejectedLine(
                        line.number(),
                        refusal.get().status(),
                        refusal.get().title(),
                        refusal.get().detail()));
                return null;
            }
            return binder.validate(command);
        } catch (JsonProcessingException e) {
            InvalidInputException invalid = InputErrors.unreadable(e);
            tally.rejected.add(new RejectedLine(line.number(), 400, invalid.title(), invalid.getMessage()));
        } catch (InvalidInputException invalid) {
            tally.rejected.add(new RejectedLine(line.number(), 400, invalid.title(), invalid.getMessage()));
        }
        return null;
    }

    /**
     * Whether an earlier import under the key stored this line: then it is counted as a duplicate, or
     * refused if its command has changed since, and not applied again.
     */
    private static boolean storedEarlier(
            ImportedLines.StoredLines storedBefore,
            long lineNumber,
            String fingerprint,
            String importKey,
            Tally tally) {
        String stored = storedBefore.fingerprintOf(lineNumber);
        if (stored == null) {
            return false;
        }
        if (stored.equals(fingerprint)) {
            tally.duplicates++;
        } else {
            tally.rejected.add(new RejectedLine(
                    lineNumber,
                    422,
                    "Line differs from the earlier import",
                    "line " + lineNumber + " was stored by an earlier import with the Idempotency-Key '" + importKey
                            + "' as a different command; send changed lines in a new import under a new key"));
        }
        return true;
    }

    /** Decides one line inside the batch's transaction (its own savepoint) and notes the outcome. */
    private void apply(
            long lineNumber, BudgetCommand command, RequestMetadata metadata, Batch batch, String fingerprint) {
        batch.lines++;
        try {
            Dispatched dispatched = dispatcher.dispatchInPlace(command, metadata);
            if (fingerprint != null) {
                batch.imported.add(new ImportedLine(lineNumber, fingerprint));
            }
            if (!dispatched.recorded().isEmpty()) {
                batch.lastStoredEvents = dispatched.eventIds();
            }
            if (dispatched.result() instanceof DisbursementOutcome.AlreadyRecorded) {
                batch.duplicates.add(lineNumber);
            } else if (dispatched.result() instanceof DisbursementOutcome.Rejected refusal) {
                // refused by availability control, and the refusal is stored: it commits with the batch
                batch.refused.add(new RejectedLine(
                        lineNumber, 409, DisbursementProblems.REJECTED_TITLE, DisbursementProblems.detail(refusal)));
            } else {
                batch.accepted.add(lineNumber);
            }
        } catch (RuntimeException failure) {
            ProblemDetail problem = Problems.forCommandFailure(failure).orElse(null);
            if (problem == null) {
                log.error("import line {} failed", lineNumber, failure);
                batch.failed.add(
                        new RejectedLine(lineNumber, 500, "Internal error", String.valueOf(failure.getMessage())));
            } else {
                batch.failed.add(
                        new RejectedLine(lineNumber, problem.getStatus(), problem.getTitle(), problem.getDetail()));
            }
        }
    }

    /** What the whole import came to: counts, and the first rejected lines. Memory stays flat. */
    private static final class Tally {
        long accepted;
        long duplicates;
        final RejectedLines rejected;
        List<String> lastStoredEvents = List.of();

        Tally(int maxReportedRejections) {
            rejected = new RejectedLines(maxReportedRejections);
        }
    }

    /**
     * Lines committed together: one database commit (one fsync) per batch instead of per line is
     * what makes a 5,000-line year import in seconds. Each command still has its own savepoint, so
     * a refused line is rolled back alone. A batch is kept short (lines and time) because Axon's
     * tracking processors treat a global index that stays invisible for long as a gap.
     */
    private final class Batch {
        final TransactionStatus transaction;
        final String importKey;
        final List<ImportedLine> imported = new ArrayList<>();
        final ImportBatchCache.Scope cached = batchCache.open();
        final long openedAt = System.nanoTime();
        int lines;
        final List<Long> accepted = new ArrayList<>();
        final List<Long> duplicates = new ArrayList<>();
        final List<RejectedLine> refused = new ArrayList<>();
        final List<RejectedLine> failed = new ArrayList<>();
        List<String> lastStoredEvents = List.of();

        Batch(TransactionStatus transaction, String importKey) {
            this.transaction = transaction;
            this.importKey = importKey;
        }

        boolean isFull() {
            return lines >= batchLines || System.nanoTime() - openedAt >= batchNanos;
        }

        void abandon() {
            cached.close();
            if (!transaction.isCompleted()) {
                transactions.rollback(transaction);
            }
        }

        void commit(Tally tally) {
            try {
                if (importKey != null && !imported.isEmpty()) {
                    importedLines.record(importKey, imported);
                }
                transactions.commit(transaction);
            } catch (RuntimeException commitFailure) {
                abandon();
                // nothing of the batch is stored: every line it applied is reported as not applied
                log.error("import batch of {} lines failed to commit", lines, commitFailure);
                tally.rejected.addAll(failed);
                for (Long line : accepted) {
                    tally.rejected.add(notStored(line, commitFailure));
                }
                for (Long line : duplicates) {
                    tally.rejected.add(notStored(line, commitFailure));
                }
                for (RejectedLine line : refused) {
                    tally.rejected.add(notStored(line.line(), commitFailure));
                }
                return;
            }
            cached.close();
            tally.accepted += accepted.size();
            tally.duplicates += duplicates.size();
            tally.rejected.addAll(refused);
            tally.rejected.addAll(failed);
            if (!lastStoredEvents.isEmpty()) {
                tally.lastStoredEvents = lastStoredEvents;
            }
        }

        private RejectedLine notStored(long line, RuntimeException cause) {
            return new RejectedLine(
                    line, 503, "Not stored", "the batch holding this line failed to commit: " + cause.getMessage());
        }
    }
}
