package io.budgetmonitor.command.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.api.commands.BudgetLineCommand;
import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.commands.ReverseDisbursement;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.command.budgetline.BudgetLineDecisions;
import io.budgetmonitor.command.budgetline.DisbursementOutcome;
import io.budgetmonitor.command.budgetline.DisbursementProblems;
import io.budgetmonitor.command.budgetline.VoucherBook;
import io.budgetmonitor.command.dispatch.CommandDispatcher;
import io.budgetmonitor.command.dispatch.CommandDispatcher.Dispatched;
import io.budgetmonitor.command.dispatch.CommandFailure;
import io.budgetmonitor.command.dispatch.RequestMetadata;
import io.budgetmonitor.command.dispatch.RetryableFailures;
import io.budgetmonitor.command.eventstore.AggregateCache;
import io.budgetmonitor.command.eventstore.EventLog;
import io.budgetmonitor.command.eventstore.PostgresEventStorageEngine;
import io.budgetmonitor.command.eventstore.UnitOfWorkTransactions;
import io.budgetmonitor.command.idempotency.CommandFingerprint;
import io.budgetmonitor.command.idempotency.ImportedLines;
import io.budgetmonitor.command.idempotency.ImportedLines.ImportedLine;
import io.budgetmonitor.command.imports.ImportReport.RejectedLine;
import io.budgetmonitor.command.input.CommandBinder;
import io.budgetmonitor.command.input.InputErrors;
import io.budgetmonitor.command.input.InvalidInputException;
import io.budgetmonitor.command.security.CommandPermissions;
import io.budgetmonitor.command.security.CommandPermissions.Refusal;
import io.budgetmonitor.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
    private final BudgetLineDecisions decisions;
    private final EventLog eventLog;
    private final Counter linesCounter;
    private final Counter fallbacks;
    private final PlatformTransactionManager transactions;
    private final ImportedLines importedLines;
    private final CommandFingerprint fingerprints;
    private final VoucherBook vouchers;
    private final AggregateCache aggregates;
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
            BudgetLineDecisions decisions,
            EventLog eventLog,
            MeterRegistry meterRegistry,
            PlatformTransactionManager transactions,
            ImportedLines importedLines,
            CommandFingerprint fingerprints,
            VoucherBook vouchers,
            AggregateCache aggregates,
            @Value("${budget.imports.batch-lines:1000}") int batchLines,
            @Value("${budget.imports.batch-millis:2000}") long batchMillis,
            @Value("${budget.imports.max-line-bytes:16384}") int maxLineBytes,
            @Value("${budget.imports.max-reported-rejections:1000}") int maxReportedRejections) {
        this.maxLineBytes = maxLineBytes;
        this.maxReportedRejections = maxReportedRejections;
        this.transactions = transactions;
        this.importedLines = importedLines;
        this.fingerprints = fingerprints;
        this.vouchers = vouchers;
        this.aggregates = aggregates;
        this.batchLines = batchLines;
        this.batchNanos = batchMillis * 1_000_000;
        this.commandReader = mapper.readerFor(BudgetCommand.class);
        this.binder = binder;
        this.dispatcher = dispatcher;
        this.decisions = decisions;
        this.eventLog = eventLog;
        this.linesCounter = Counter.builder("budget.import.lines")
                .description("NDJSON lines imported")
                .register(meterRegistry);
        this.fallbacks = Counter.builder("budget.import.batch.fallbacks")
                .description("import batches whose single write failed and that were applied line by line")
                .register(meterRegistry);
    }

    /**
     * Lines per batch ({@code budget.imports.batch-lines}): 1,000 by default, the event append's one statement
     * ({@code PostgresEventStorageEngine.ROWS_PER_STATEMENT}). With 250, a 30,000-line import was 120 transactions,
     * and every one of them also cost a commit's fsync, its per-batch queries, and a batch of the publisher, of
     * Kafka and of both readers downstream; with 1,000 the whole pipeline used a quarter to a half less CPU per line
     * (bench/run, docs/performance.md "Where the import's wall time goes"). The time limit still bounds how long
     * a batch's log positions stay invisible.
     */
    public int batchLines() {
        return batchLines;
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
                        // a run of bad lines does not keep the decided lines waiting for long
                        batch.write(tally);
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
                    batch = new Batch(metadata, importKey.orElse(null));
                }
                batch.add(new PendingLine(lineNumber, command, fingerprint));
                if (batch.isFull()) {
                    batch.write(tally);
                    batch = null;
                }
            }
        } catch (IOException | RuntimeException broken) {
            // the client went away mid-body (or worse): the lines not yet written are not written
            throw broken;
        }
        if (batch != null) {
            batch.write(tally);
        }
        long position = tally.lastPosition != null ? tally.lastPosition : eventLog.head();
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

    /** What the whole import came to: counts, and the first rejected lines. Memory stays flat. */
    private static final class Tally {
        long accepted;
        long duplicates;
        final RejectedLines rejected;
        Long lastPosition;

        Tally(int maxReportedRejections) {
            rejected = new RejectedLines(maxReportedRejections);
        }
    }

    /** A valid line waiting for its batch to be decided and written. */
    private record PendingLine(long number, BudgetCommand command, String fingerprint) {}

    /** A failure that leaves the batch's in-memory decisions unusable: the batch is written line by line. */
    private static final class BatchAbandoned extends RuntimeException {
        BatchAbandoned(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Lines decided and written together. All lines are decided in memory in ONE root unit of work
     * (each command in a nested one: a refused line is rolled back alone, in memory, and the lines
     * after it see the events of the lines before it, registers included: {@code PendingRegisters}),
     * then written at once in one transaction: one multi-row INSERT of the events, one batched INSERT
     * of the vouchers, one of the imported-line keys, one commit (one fsync) for the batch. No
     * savepoint. If that write fails (a lost race with another writer on a line or a voucher, a
     * database error) nothing of it is kept and the batch is applied again line by line, each line
     * under its own savepoint and with its own retries, as before: the other lines are still applied.
     * A batch is kept short (lines and time) because Axon's tracking processors treat a global index
     * that stays invisible for long as a gap.
     */
    private final class Batch {
        final RequestMetadata metadata;
        final String importKey;
        final List<PendingLine> lines = new ArrayList<>();
        final long openedAt = System.nanoTime();

        Batch(RequestMetadata metadata, String importKey) {
            this.metadata = metadata;
            this.importKey = importKey;
        }

        void add(PendingLine line) {
            lines.add(line);
        }

        boolean isFull() {
            return lines.size() >= batchLines || System.nanoTime() - openedAt >= batchNanos;
        }

        void write(Tally tally) {
            Outcomes outcomes = inOneWrite();
            if (outcomes == null) {
                fallbacks.increment();
                outcomes = lineByLine();
            }
            outcomes.addTo(tally);
        }

        /** The batch decided in memory and written at once; null if the write failed (nothing kept). */
        private Outcomes inOneWrite() {
            Outcomes outcomes = new Outcomes();
            TransactionStatus transaction = transactions.getTransaction(BATCH);
            DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
            dispatcher.correlate(batch, metadata);
            batch.onPrepareCommit(u -> outcomes.recordImported(importKey));
            batch.onCommit(u -> transactions.commit(transaction));
            batch.afterCommit(u -> outcomes.positionOf(PostgresEventStorageEngine.positionsOf(u)));
            batch.onRollback(u -> {
                if (!transaction.isCompleted()) {
                    transactions.rollback(transaction);
                }
            });
            try {
                readAhead();
                for (PendingLine line : lines) {
                    decide(line, outcomes, true);
                }
                batch.commit();
                return outcomes;
            } catch (RuntimeException failure) {
                if (batch.isActive()) {
                    batch.rollback(failure);
                }
                if (!transaction.isCompleted()) {
                    transactions.rollback(transaction);
                }
                log.warn(
                        "import batch of {} lines could not be written at once; applying it line by line: {}",
                        lines.size(),
                        String.valueOf(failure.getMessage()));
                return null;
            }
        }

        /**
         * What the batch's lines will ask the database, asked at once: the cached budget lines they
         * load are checked against their heads with one query (instead of one per line loaded), and
         * the vouchers of their payments and reversals read with one query per department-year
         * (usually one) instead of one per line. Only for the in-memory batch: the fallback asks for
         * each line afresh, after whatever made the batch's write fail.
         */
        private void readAhead() {
            aggregates.checkAll(lines.stream()
                    .map(PendingLine::command)
                    .filter(BudgetLineCommand.class::isInstance)
                    .map(BudgetCommand::targetAggregateId)
                    .toList());
            Map<FiscalYearId, Set<String>> byYear = new LinkedHashMap<>();
            for (PendingLine line : lines) {
                if (line.command() instanceof RecordDisbursement payment) {
                    byYear.computeIfAbsent(
                                    new FiscalYearId(payment.department(), payment.fiscalYear()),
                                    year -> new LinkedHashSet<>())
                            .add(payment.voucher());
                } else if (line.command() instanceof ReverseDisbursement reversal) {
                    byYear.computeIfAbsent(
                                    new FiscalYearId(reversal.department(), reversal.fiscalYear()),
                                    year -> new LinkedHashSet<>())
                            .add(reversal.voucher());
                }
            }
            byYear.forEach(vouchers::prefetch);
        }

        /** The fallback: one transaction, a savepoint per line. */
        private Outcomes lineByLine() {
            Outcomes outcomes = new Outcomes();
            TransactionStatus transaction = transactions.getTransaction(BATCH);
            try {
                UnitOfWorkTransactions.isolatingEachCommand(() -> {
                    for (PendingLine line : lines) {
                        decide(line, outcomes, false);
                    }
                    return null;
                });
                outcomes.recordImported(importKey);
                transactions.commit(transaction);
                return outcomes;
            } catch (RuntimeException commitFailure) {
                if (!transaction.isCompleted()) {
                    transactions.rollback(transaction);
                }
                log.error("import batch of {} lines failed to commit", lines.size(), commitFailure);
                return outcomes.notStored(commitFailure);
            }
        }

        /**
         * What the line's command handler returned. In the in-memory batch a command on an existing
         * budget line (nearly every line of a ledger: payments) is decided directly on its aggregate in
         * the batch's unit of work ({@link BudgetLineDecisions}); any other command, and every line of the
         * fallback, goes through the command bus, each in a nested unit of work of its own.
         */
        private Object decided(PendingLine line, Outcomes outcomes, boolean inBatch) {
            if (inBatch && BudgetLineDecisions.decides(line.command())) {
                return decisions.decide(line.command());
            }
            Dispatched dispatched = dispatcher.dispatchInPlace(line.command(), metadata);
            if (dispatched.position() != null) {
                outcomes.position(dispatched.position());
            }
            return dispatched.result();
        }

        /**
         * Decides one line and notes the outcome. In the in-memory batch a failure that is not a
         * refusal (a database error, a lost race) abandons the batch: its transaction may be unusable.
         */
        private void decide(PendingLine line, Outcomes outcomes, boolean inBatch) {
            try {
                Object result = decided(line, outcomes, inBatch);
                if (line.fingerprint() != null) {
                    outcomes.imported.add(new ImportedLine(line.number(), line.fingerprint()));
                }
                if (result instanceof DisbursementOutcome.AlreadyRecorded) {
                    outcomes.duplicates.add(line.number());
                } else if (result instanceof DisbursementOutcome.Rejected refusal) {
                    // refused by availability control, and the refusal is stored: it commits with the batch
                    outcomes.refused.add(new RejectedLine(
                            line.number(),
                            409,
                            DisbursementProblems.REJECTED_TITLE,
                            DisbursementProblems.detail(refusal)));
                } else {
                    outcomes.accepted.add(line.number());
                }
            } catch (RuntimeException failure) {
                CommandFailure problem = CommandFailure.of(failure).orElse(null);
                if (inBatch && (problem == null || RetryableFailures.isRetryable(failure))) {
                    throw new BatchAbandoned(failure);
                }
                if (problem == null) {
                    log.error("import line {} failed", line.number(), failure);
                    outcomes.failed.add(new RejectedLine(
                            line.number(), 500, "Internal error", String.valueOf(failure.getMessage())));
                } else {
                    outcomes.failed.add(
                            new RejectedLine(line.number(), problem.status(), problem.title(), problem.detail()));
                }
            }
        }
    }

    /** What a batch's lines came to, counted into the import's tally only once the batch is stored. */
    private final class Outcomes {
        final List<ImportedLine> imported = new ArrayList<>();
        final List<Long> accepted = new ArrayList<>();
        final List<Long> duplicates = new ArrayList<>();
        final List<RejectedLine> refused = new ArrayList<>();
        final List<RejectedLine> failed = new ArrayList<>();
        Long position;

        void position(long stored) {
            position = position == null ? stored : Math.max(position, stored);
        }

        void positionOf(Map<String, Long> stored) {
            stored.values().forEach(this::position);
        }

        void recordImported(String importKey) {
            if (importKey != null && !imported.isEmpty()) {
                importedLines.record(importKey, imported);
            }
        }

        void addTo(Tally tally) {
            tally.accepted += accepted.size();
            tally.duplicates += duplicates.size();
            tally.rejected.addAll(refused);
            tally.rejected.addAll(failed);
            if (position != null) {
                tally.lastPosition = tally.lastPosition == null ? position : Math.max(tally.lastPosition, position);
            }
        }

        /** Nothing of the batch is stored: every line it applied is reported as not applied. */
        Outcomes notStored(RuntimeException cause) {
            Outcomes none = new Outcomes();
            none.failed.addAll(failed);
            for (Long line : accepted) {
                none.failed.add(notStored(line, cause));
            }
            for (Long line : duplicates) {
                none.failed.add(notStored(line, cause));
            }
            for (RejectedLine line : refused) {
                none.failed.add(notStored(line.line(), cause));
            }
            return none;
        }

        private RejectedLine notStored(long line, RuntimeException cause) {
            return new RejectedLine(
                    line, 503, "Not stored", "the batch holding this line failed to commit: " + cause.getMessage());
        }
    }
}
