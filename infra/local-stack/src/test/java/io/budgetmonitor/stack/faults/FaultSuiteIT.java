package io.budgetmonitor.stack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.security.DemoUsers;
import io.budgetmonitor.stack.DemoLoader;
import io.budgetmonitor.stack.LocalStack;
import io.budgetmonitor.stack.Service;
import io.budgetmonitor.stack.StackSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite (issue 12, part 5): the whole stack as processes (embedded PostgreSQL and Kafka, the
 * three services in their own JVMs, a fresh data directory and free ports), a generator recording
 * disbursements and reductions through the REST API and imports running all along, and six faults
 * injected one after the other: (a) the Kafka broker stopped for 10 s, (b) PostgreSQL restarted, (c)
 * kill -9 of both readers while they apply a batch, (d) 10% of the events redelivered twice out of
 * order, (e) an undecodable event and one of an unknown type, (f) kill -9 of command-service in the
 * middle of an import that is then sent again with its {@code Idempotency-Key}.
 *
 * <p>The live system is scaled as in production (issue 12, part 3): {@value #EVENTS} has {@value #PARTITIONS}
 * partitions, created before anything is published, and scoring-service runs as <b>two replicas</b> on the
 * same database in the same consumer group ({@code scoring-service}): the supervised one and a second
 * instance ({@link #SCORING_REPLICA}), each owning part of the partitions and each with its own outbox
 * relay on the one outbox table. Fault (c) kills the supervised one; the replica takes its partitions over
 * until it is back. query-service keeps one consuming replica (by design, docs/deployment.md) over the
 * twelve partitions.
 *
 * <p>Afterwards every accepted command's events are in the store exactly once, every read model
 * (execution, alerts, scoring inputs) has the digest of a clean rebuild from the log (a second instance
 * of each reader, reading the topic from offset 0 into an empty database), every alert transition and
 * evaluation is on its topic exactly once, and the poison is parked with its error. The clean rebuild is
 * ONE instance per reader, so the scoring inputs' digest equal to it proves that two replicas sharing twelve
 * partitions end with what one instance ends with, under the faults. Each fault prints what it injected and
 * what it checked; the last step prints the fault table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    static final String EVENTS = "budget.events.v1";
    static final String ALERTS = "budget.alerts.v1";
    static final String EVALUATIONS = "budget.evaluations.v1";
    /** Partitions of {@value #EVENTS}, as compose and Kubernetes run it. */
    static final int PARTITIONS = 12;
    /** The second scoring-service instance: same database, same consumer group as the supervised one. */
    static final String SCORING_REPLICA = "scoring-replica";

    static final Duration CATCH_UP = Duration.ofMinutes(2);
    /**
     * The import command-service is killed in the middle of (at {@link #KILL_AT} of its events stored). Several
     * import batches (1,000 lines each by default, `budget.imports.batch-lines`): with one batch of 1,000 and
     * a second of two lines, the kill could come after both had committed — nothing left to interrupt.
     */
    static final int BIG_DISBURSEMENTS = 4000;

    static final int KILL_AT = 50;
    /** The burst the readers are killed in the middle of. */
    static final int BURST_LINES = 1000;

    static Path dataDir;
    static LocalStack stack;
    static Client client;
    static Topics topics;
    static LoadGenerator load;
    static volatile String phase = "warm-up";
    static long started;
    static long faultStarted;
    /** Set by the last test once everything held: the data directory is deleted, else kept. */
    static boolean passed;

    static final Map<String, Fault> faults = new LinkedHashMap<>();
    static final List<String> evaluationsAccepted = new CopyOnWriteArrayList<>();
    static final List<RecordMetadata> poison = new ArrayList<>();
    static final Map<String, Boolean> properties = new LinkedHashMap<>();
    static final List<String> findings = new ArrayList<>();
    static String demoImportKey;
    static long demoLines;

    /** One row of the table: what was injected, how often, and how many events were in flight. */
    static final class Fault {
        final String name;
        final int injected;
        final long inFlight;
        long lost;
        long doubled;
        /** Seconds from the fault's injection until its test had checked the recovery; -1 until then. */
        long wall = -1;

        Fault(String name, int injected, long inFlight) {
            this.name = name;
            this.injected = injected;
            this.inFlight = inFlight;
        }
    }

    @BeforeAll
    static void startTheStackAndTheLoad() throws Exception {
        started = System.nanoTime();
        dataDir = Files.createTempDirectory("budget-monitor-faults");
        stack = new LocalStack(
                        StackSettings.parse(
                                new String[] {
                                    "--data-dir=" + dataDir,
                                    "--command-port=0",
                                    "--query-port=0",
                                    "--scoring-port=0",
                                    "--postgres-port=0",
                                    "--kafka-port=0",
                                    "--events-partitions=" + PARTITIONS,
                                    "--no-demo"
                                },
                                Map.of()),
                        line -> say("[stack] " + line))
                .start();
        client = new Client(DemoUsers.readFile(dataDir.resolve("demo-users.txt")));
        topics = new Topics(stack.kafkaBootstrapServers());
        startTheSecondScoringReplica();
        Client.Response ledger = client.postNdjson(
                "admin",
                stack.url(Service.COMMAND) + "/api/v1/imports",
                LoadGenerator.setUpLedger(),
                Map.of(),
                Duration.ofMinutes(1));
        assertThat(ledger.status()).as(ledger.body()).isEqualTo(200);
        assertThat(ledger.json().path("rejected")).as(ledger.body()).isEmpty();
        load = new LoadGenerator(client, stack.url(Service.COMMAND), () -> phase).start();
        awaitUntil("the generator has 20 commands accepted", Duration.ofMinutes(1), () -> load.accepted.size() >= 20);
        say("stack and load up after " + seconds(started) + " s: " + load.accepted.size() + " commands accepted");
    }

    /**
     * A second scoring-service on the live database ({@code budget_scoring}) in the live consumer group (the
     * default, {@code scoring-service}) with its outbox relay on: two replicas sharing {@value #PARTITIONS}
     * partitions, one outbox table, one bookkeeping ({@code consumer_partition}, from which both report the
     * position). It is not supervised: it runs through every fault but is never killed itself.
     */
    private static void startTheSecondScoringReplica() {
        int partitions = topics.partitions(EVENTS);
        check(
                EVENTS + " has " + PARTITIONS + " partitions before anything is published",
                partitions == PARTITIONS,
                EVENTS + " has " + partitions);
        String replica =
                stack.startExtraInstance(SCORING_REPLICA, Service.SCORING, Service.SCORING.database(), Map.of());
        awaitUntil("both scoring-service replicas own partitions of " + EVENTS, Duration.ofMinutes(2), () -> {
            Map<String, Integer> owned = topics.assignment("scoring-service", EVENTS);
            return owned.size() == 2
                    && owned.values().stream().allMatch(n -> n > 0)
                    && owned.values().stream().mapToInt(Integer::intValue).sum() == PARTITIONS;
        });
        say("LIVE SYSTEM: " + EVENTS + " with " + partitions + " partitions; scoring-service as two replicas on "
                + Service.SCORING.database() + " in group scoring-service (" + stack.url(Service.SCORING) + " and "
                + replica + "), partitions owned "
                + topics.assignment("scoring-service", EVENTS).values()
                + "; query-service one consumer over all " + partitions + ". The clean rebuilds at the end are one "
                + "instance each: equal digests = two replicas on " + partitions + " partitions end as one instance");
    }

    @AfterAll
    static void stopEverything() {
        if (load != null) {
            load.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (passed) {
            deleteRecursively(dataDir);
        } else if (dataDir != null) {
            say("data, logs and databases kept for the diagnosis in " + dataDir);
        }
        say("wall time of the fault suite: " + seconds(started) + " s");
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            say("could not delete " + dir + ": " + e);
        }
    }

    @BeforeEach
    void startTheClock() {
        faultStarted = System.nanoTime();
    }

    @AfterEach
    void stopTheClock() {
        Fault fault = faults.get(phase);
        if (fault != null && fault.wall < 0) {
            fault.wall = seconds(faultStarted);
        }
    }

    @Test
    @Order(1)
    void kafkaBrokerStoppedForTenSeconds() throws Exception {
        String name = "(a) Kafka broker stopped 10 s, started again";
        phase = name;
        long before = head();
        say("INJECT " + name + ": broker stopped at log position " + before + ", an evaluation taken while it is down");
        stack.stopKafkaBroker();
        CompletableFuture<Void> evaluation = CompletableFuture.runAsync(FaultSuiteIT::takeEvaluation);
        Thread.sleep(10_000);
        stack.startKafkaBroker();
        evaluation.join();
        long after = recovered(name, before);
        say("CHECKED " + name + ": broker back; both readers reached log position " + after);
    }

    @Test
    @Order(2)
    void postgresRestartedUnderLoad() throws Exception {
        String name = "(b) PostgreSQL restarted under load";
        phase = name;
        long before = head();
        say("INJECT " + name + ": pg_ctl stop (fast: every session ended) and start, at log position " + before);
        stack.restartPostgres();
        takeEvaluation();
        long after = recovered(name, before);
        say("CHECKED " + name + ": every service reconnected; both readers reached log position " + after);
    }

    @Test
    @Order(3)
    void readersKilledMidBatch() throws Exception {
        String name = "(c) kill -9 query-service and scoring-service mid-batch";
        phase = name;
        long before = head();
        // mid-batch: an import of BURST_LINES lines is stored in chunks, each a burst the readers apply in
        // batches; they are killed once both have applied part of it and not all that is stored
        CompletableFuture<Void> burst = CompletableFuture.runAsync(
                () -> load.sendImport("burst-" + UUID.randomUUID(), BURST_LINES, Duration.ofMinutes(2)));
        awaitUntil("both readers are in the middle of the burst", Duration.ofMinutes(1), () -> {
            long query = readerPosition(Service.QUERY);
            long scoring = readerPosition(Service.SCORING);
            long log = head();
            return query > before && scoring > before && (query < log || scoring < log);
        });
        long queryAt = readerPosition(Service.QUERY);
        long scoringAt = readerPosition(Service.SCORING);
        long headAt = head();
        long query = stack.kill(Service.QUERY);
        long scoring = stack.kill(Service.SCORING);
        say("INJECT " + name + ": SIGKILL to pids " + query + " and " + scoring + " in an import of "
                + BURST_LINES + " lines that began at log position " + before + ", with the log at " + headAt
                + ", query-service at "
                + queryAt + ", scoring-service at " + scoringAt);
        // the second scoring replica is not killed: once Kafka drops the killed member (session timeout) it owns
        // every partition until the restarted one rejoins. Observed and printed, not asserted: a restart quicker
        // than the session timeout would rejoin first
        java.util.concurrent.atomic.AtomicInteger mostOwned = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        CompletableFuture<Void> watch = CompletableFuture.runAsync(() -> {
            while (watching.get()) {
                try {
                    Map<String, Integer> owned = topics.assignment("scoring-service", EVENTS);
                    if (owned.size() == 1) {
                        mostOwned.accumulateAndGet(owned.values().iterator().next(), Math::max);
                    }
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the group is rebalancing or the broker is busy: ask again
                }
            }
        });
        burst.join();
        stack.awaitRestarted(Service.QUERY, query, Duration.ofMinutes(3));
        stack.awaitRestarted(Service.SCORING, scoring, Duration.ofMinutes(3));
        watching.set(false);
        watch.join();
        takeEvaluation();
        long after = recovered(name, before);
        say("CHECKED " + name + ": the supervisor restarted both (pids " + stack.pid(Service.QUERY) + ", "
                + stack.pid(Service.SCORING) + "); both reached log position " + after + "; while scoring-service "
                + "was down, " + SCORING_REPLICA + " (never killed) was seen alone in the group owning "
                + (mostOwned.get() == 0 ? "— (not seen alone: the restart rejoined first)" : mostOwned.get())
                + " of " + PARTITIONS + " partitions");
    }

    @Test
    @Order(4)
    void tenPercentRedeliveredTwiceOutOfOrder() {
        String name = "(d) 10% of events redelivered twice, out of order";
        phase = name;
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<ConsumerRecord<String, byte[]>> published = topics.readAll(EVENTS);
        List<ConsumerRecord<String, byte[]>> chosen = new ArrayList<>(published);
        Collections.shuffle(chosen, random);
        chosen = chosen.subList(0, Math.max(1, published.size() / 10));
        List<ProducerRecord<String, byte[]>> copies = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : chosen) {
            copies.add(Topics.copyOf(record));
            copies.add(Topics.copyOf(record));
        }
        Collections.shuffle(copies, random);
        topics.produce(copies);
        say("INJECT " + name + ": " + chosen.size() + " of the " + published.size() + " records on " + EVENTS
                + " produced again twice each, shuffled (seed " + seed + "), " + copies.size() + " copies");
        faults.put(name, new Fault(name, 2, copies.size()));
        long after = head();
        awaitReaders(after);
        topics.awaitConsumed("query-service", EVENTS, CATCH_UP);
        topics.awaitConsumed("scoring-service", EVENTS, CATCH_UP);
        say("CHECKED " + name + ": both readers consumed every copy and reached log position " + after
                + " (that nothing was applied twice is checked by the digests at the end)");
    }

    @Test
    @Order(5)
    void poisonIsParkedWithItsError() throws Exception {
        String name = "(e) one undecodable event, one of an unknown type";
        phase = name;
        RecordHeaders unknownHeaders = new RecordHeaders();
        Map<String, String> ce = new LinkedHashMap<>();
        ce.put("ce_specversion", "1.0");
        ce.put("ce_id", UUID.randomUUID().toString());
        ce.put("ce_source", "urn:budget-monitor:fault-suite");
        ce.put("ce_type", "io.budgetmonitor.BudgetForecastRevised.v1");
        ce.put("ce_subject", "fault-suite-unknown-aggregate");
        ce.put("ce_time", Instant.now().toString());
        ce.put("ce_sequencenumber", "0");
        ce.put("content-type", "application/json");
        ce.forEach((k, v) -> unknownHeaders.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        List<RecordMetadata> written = topics.produce(List.of(
                new ProducerRecord<>(
                        EVENTS,
                        null,
                        "fault-suite-undecodable",
                        "\u0000{not a CloudEvent".getBytes(StandardCharsets.UTF_8),
                        new RecordHeaders()),
                new ProducerRecord<>(
                        EVENTS,
                        null,
                        "fault-suite-unknown-aggregate",
                        ("{\"department\":\"" + LoadGenerator.DEPARTMENT + "\",\"fiscalYear\":" + LoadGenerator.YEAR
                                        + "}")
                                .getBytes(StandardCharsets.UTF_8),
                        unknownHeaders)));
        poison.addAll(written);
        say("INJECT " + name + ": an undecodable record at " + where(written.get(0)) + ", a CloudEvent of type "
                + ce.get("ce_type") + " at " + where(written.get(1)));
        faults.put(name, new Fault(name, 2, 2));
        topics.awaitConsumed("query-service", EVENTS, CATCH_UP);
        topics.awaitConsumed("scoring-service", EVENTS, CATCH_UP);
        for (Service reader : List.of(Service.QUERY, Service.SCORING)) {
            for (RecordMetadata record : written) {
                String error = parkedError(stack.jdbcUrl(reader), reader, record);
                check(
                        "poison parked with its error",
                        error != null && !error.isBlank(),
                        reader.artifact() + " parked " + where(record) + ": " + error);
            }
        }
        say("CHECKED " + name + ": whether both readers parked both records in dead_letter with their errors"
                + (properties.getOrDefault("poison parked with its error", false) ? ": they did" : ": they did NOT"));
    }

    @Test
    @Order(6)
    void commandServiceKilledMidImportAndTheImportSentAgain() throws Exception {
        String name = "(f) kill -9 command-service mid-import, import re-sent with its Idempotency-Key";
        phase = name;
        long before = head();
        String ledger = LoadGenerator.bigLedger(BIG_DISBURSEMENTS);
        demoLines = ledger.lines().filter(l -> !l.isBlank()).count();
        demoImportKey = "fault-suite-import-" + UUID.randomUUID();
        Map<String, String> headers = Map.of("Idempotency-Key", demoImportKey, "X-Correlation-Id", demoImportKey);
        String url = stack.url(Service.COMMAND) + "/api/v1/imports";
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                Client.Response response = client.postNdjson("admin", url, ledger, headers, Duration.ofMinutes(5));
                return response.status() + " " + response.body();
            } catch (IOException | InterruptedException e) {
                return e.toString();
            }
        });
        awaitUntil(
                KILL_AT + " lines of the import are stored",
                Duration.ofMinutes(2),
                () -> eventsOf(demoImportKey) >= KILL_AT || first.isDone());
        long pid = stack.kill(Service.COMMAND);
        long storedAtKill = eventsOf(demoImportKey);
        say("INJECT " + name + ": SIGKILL to pid " + pid + " with " + storedAtKill + " of the import's " + demoLines
                + " lines' events stored");
        check(
                "command-service killed mid-import",
                storedAtKill > 0 && storedAtKill < demoLines,
                storedAtKill + " of " + demoLines + " lines stored when the process was killed");
        String firstAnswer = first.join();
        say("  the first import's client saw: " + abbreviate(firstAnswer));
        stack.awaitRestarted(Service.COMMAND, pid, Duration.ofMinutes(3));
        Client.Response again = null;
        for (int attempt = 0; attempt < 60 && (again == null || again.status() >= 500); attempt++) {
            try {
                again = client.postNdjson("admin", url, ledger, headers, Duration.ofMinutes(5));
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
        assertThat(again).isNotNull();
        say("  the import sent again with Idempotency-Key " + demoImportKey + ": " + again.status() + " "
                + abbreviate(again.body()));
        JsonNode report = again.json();
        check(
                "the re-sent import is whole",
                again.status() == 200
                        && report.path("rejected").isEmpty()
                        && report.path("accepted").asLong()
                                        + report.path("duplicates").asLong()
                                == demoLines,
                "re-sent import: " + again.status() + " " + abbreviate(again.body()));
        long after = recovered(name, before);
        say("CHECKED " + name + ": the re-sent import reported " + report.path("accepted") + " accepted + "
                + report.path("duplicates") + " duplicates = " + demoLines + " lines; readers reached " + after);
    }

    @Test
    @Order(7)
    void nothingLostNothingDoubledAndEveryReadModelEqualsACleanRebuild() throws Exception {
        phase = "quiet";
        CompletableFuture<String[]> rebuilds = startCleanRebuilds();
        long stopping = System.nanoTime();
        load.close();
        say("load stopped in " + seconds(stopping) + " s (requests in flight answered)");
        long head = head();
        try {
            awaitReaders(head);
            topics.awaitConsumed("query-service", EVENTS, CATCH_UP);
            topics.awaitConsumed("scoring-service", EVENTS, CATCH_UP);
            check("both readers reach the log end", true, "");
        } catch (IllegalStateException stuck) {
            check(
                    "both readers reach the log end",
                    false,
                    "at log end " + head + ": query-service at " + readerPosition(Service.QUERY)
                            + ", scoring-service at " + readerPosition(Service.SCORING) + " (" + stuck.getMessage()
                            + ")");
        }
        Map<String, Integer> owned = new LinkedHashMap<>();
        try {
            // a rebalance may be under way (the killed replica rejoined): ask until it settled
            awaitUntil("two scoring-service replicas own partitions", CATCH_UP, () -> {
                owned.clear();
                owned.putAll(topics.assignment("scoring-service", EVENTS));
                return owned.size() == 2 && owned.values().stream().allMatch(n -> n > 0);
            });
            check("two scoring-service replicas share the partitions after the faults", true, "");
        } catch (IllegalStateException notShared) {
            check(
                    "two scoring-service replicas share the partitions after the faults",
                    false,
                    "group scoring-service: " + owned);
        }
        say("CHECKED group scoring-service after the faults: partitions of " + EVENTS + " per replica "
                + owned.values());
        say("both readers at the log end; " + load.accepted.size() + " REST commands and " + load.imports.size()
                + " imports accepted (" + load.retries.get() + " retries), log at " + head);

        check("no request refused", load.refused.isEmpty(), "refused: " + load.refused);
        check("every request answered", load.unconfirmed.isEmpty(), "unconfirmed: " + load.unconfirmed);
        theStoreHoldsEveryAcceptedCommandOnce();
        theInterruptedImportIsWhole();
        theHashChainsVerify();
        Map<String, JsonNode> live = digests(stack.url(Service.QUERY), stack.url(Service.SCORING));
        theOutboxTopicsHoldEachMessageOnce();
        everyReadModelEqualsACleanRebuild(live, rebuilds);

        printTable();
        List<String> unexpected = properties.entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .toList();
        assertThat(unexpected).as("properties that failed: %s", findings).isEmpty();
        assertThat(faults.values()).allSatisfy(f -> {
            assertThat(f.lost).as(f.name + " lost").isZero();
            assertThat(f.doubled).as(f.name + " doubled").isZero();
        });
        passed = true;
    }

    // ---- the checks

    private void theStoreHoldsEveryAcceptedCommandOnce() throws SQLException {
        Map<String, List<String>> byCorrelation = new HashMap<>();
        Set<String> stored = new HashSet<>();
        Map<String, Long> vouchers = new HashMap<>();
        try (Connection db = connect(Service.COMMAND)) {
            query(db, "select event_identifier, meta_data::jsonb ->> 'correlationId' from domain_event_entry", rs -> {
                stored.add(rs.getString(1));
                byCorrelation
                        .computeIfAbsent(String.valueOf(rs.getString(2)), c -> new ArrayList<>())
                        .add(rs.getString(1));
            });
            query(
                    db,
                    "select payload::jsonb ->> 'department', payload::jsonb ->> 'voucher' from domain_event_entry"
                            + " where payload_type like '%DisbursementRecorded'",
                    rs -> vouchers.merge(rs.getString(1) + "/" + rs.getString(2), 1L, Long::sum));
        }
        Set<String> copied = new HashSet<>();
        try (Connection db = connect(Service.QUERY)) {
            query(db, "select event_id from event_log", rs -> copied.add(rs.getString(1)));
        }
        long lostInStore = 0;
        long lostInReader = 0;
        long doubled = 0;
        for (LoadGenerator.Accepted command : load.accepted) {
            Fault fault = faults.get(command.phase());
            // every generator command records exactly one event. A disbursement whose first attempt was
            // stored but not answered (command-service killed) is answered on its retry with nothing new
            // (recorded: [], the voucher is its idempotency): its event is the one under its correlation id
            List<String> events = byCorrelation.getOrDefault(command.correlationId(), List.of());
            long count = events.size();
            boolean lost = count == 0 || !events.containsAll(command.eventIds());
            boolean notCopied = !copied.containsAll(events);
            boolean twice = count > 1
                    || (command.voucher() != null
                            && vouchers.getOrDefault(LoadGenerator.DEPARTMENT + "/" + command.voucher(), 0L) > 1);
            if (lost || notCopied || twice) {
                findings.add(command.correlationId() + " (" + command.phase() + "): events " + events
                        + " stored, answered with " + command.eventIds()
                        + (notCopied ? ", not all in query-service's log copy" : ""));
            }
            lostInStore += lost ? 1 : 0;
            lostInReader += notCopied ? 1 : 0;
            doubled += twice ? 1 : 0;
            if (fault != null) {
                fault.lost += lost || notCopied ? 1 : 0;
                fault.doubled += twice ? 1 : 0;
            }
        }
        for (LoadGenerator.AcceptedImport batch : load.imports) {
            Fault fault = faults.get(batch.phase());
            for (String voucher : batch.vouchers()) {
                long count = vouchers.getOrDefault(LoadGenerator.IMPORT_DEPARTMENT + "/" + voucher, 0L);
                if (count != 1) {
                    findings.add("voucher " + voucher + " of " + batch.correlationId() + " (" + batch.phase()
                            + ") recorded " + count + " times");
                }
                lostInStore += count == 0 ? 1 : 0;
                doubled += count > 1 ? 1 : 0;
                if (fault != null) {
                    fault.lost += count == 0 ? 1 : 0;
                    fault.doubled += count > 1 ? 1 : 0;
                }
            }
        }
        Set<String> notInReader = new HashSet<>(stored);
        notInReader.removeAll(copied);
        check(
                "every accepted command's events in the store exactly once",
                lostInStore == 0 && doubled == 0,
                lostInStore + " accepted commands or import lines lost, " + doubled + " doubled");
        check(
                "every stored event in query-service's log copy",
                lostInReader == 0 && notInReader.isEmpty(),
                notInReader.size() + " stored events missing from query-service's event_log");
        say("CHECKED the store: " + load.accepted.size() + " REST commands and "
                + load.imports.size() * LoadGenerator.IMPORT_LINES + " import lines accepted; " + lostInStore
                + " lost, " + doubled + " doubled; " + stored.size() + " events stored, " + notInReader.size()
                + " of them missing from query-service's log copy");
    }

    private void theInterruptedImportIsWhole() throws Exception {
        Map<String, Long> vouchers = new HashMap<>();
        BigDecimal[] net = {BigDecimal.ZERO};
        try (Connection db = connect(Service.COMMAND)) {
            query(
                    db,
                    "select payload::jsonb ->> 'voucher', count(*) from domain_event_entry"
                            + " where payload_type like '%DisbursementRecorded' and payload::jsonb ->> 'department' = '"
                            + LoadGenerator.BIG_DEPARTMENT + "' group by 1",
                    rs -> vouchers.put(rs.getString(1), rs.getLong(2)));
            query(
                    db,
                    "select coalesce(sum((payload::jsonb ->> 'amount')::numeric), 0) from domain_event_entry"
                            + " where payload_type like '%DisbursementRecorded' and payload::jsonb ->> 'department' = '"
                            + LoadGenerator.BIG_DEPARTMENT + "'",
                    rs -> net[0] = rs.getBigDecimal(1));
        }
        long doubled = vouchers.values().stream().filter(c -> c > 1).count();
        long lost = BIG_DISBURSEMENTS - vouchers.size();
        BigDecimal expected = new BigDecimal(BIG_DISBURSEMENTS).setScale(2);
        JsonNode execution = client.get(
                        "viewer",
                        stack.url(Service.QUERY) + "/api/v1/departments/" + LoadGenerator.BIG_DEPARTMENT + "/years/"
                                + LoadGenerator.YEAR + "/execution")
                .json();
        boolean whole = doubled == 0
                && lost == 0
                && net[0].compareTo(expected) == 0
                && expected.toPlainString().equals(execution.path("executed").asText());
        faults.values().stream().filter(f -> f.name.startsWith("(f)")).forEach(f -> {
            f.doubled += doubled;
            f.lost += lost;
        });
        check(
                "the interrupted import recorded once",
                whole,
                LoadGenerator.BIG_DEPARTMENT + ": " + lost + " vouchers lost, " + doubled + " doubled, " + net[0]
                        + " disbursed in the store, " + execution.path("executed") + " in query-service");
        say("CHECKED the interrupted import: " + vouchers.size() + " of " + BIG_DISBURSEMENTS + " vouchers, "
                + doubled + " doubled; " + net[0] + " disbursed in the store (" + expected
                + " sent), query-service shows "
                + execution.path("executed"));
    }

    private void theHashChainsVerify() throws Exception {
        for (String year : List.of(
                LoadGenerator.DEPARTMENT + "&year=" + LoadGenerator.YEAR,
                LoadGenerator.IMPORT_DEPARTMENT + "&year=" + LoadGenerator.YEAR,
                LoadGenerator.BIG_DEPARTMENT + "&year=" + LoadGenerator.YEAR)) {
            Client.Response verify =
                    client.get("auditor", stack.url(Service.COMMAND) + "/api/v1/audit/verify?department=" + year);
            check(
                    "the hash chain verifies",
                    verify.status() == 200 && verify.json().path("verified").asBoolean(),
                    "audit/verify " + year + ": " + verify.status() + " " + abbreviate(verify.body()));
        }
        say("CHECKED the hash chains of the three department-years (GET /api/v1/audit/verify)");
    }

    /**
     * The outbox topics, read back and counted per CloudEvents id: every alert transition and every
     * evaluation snapshot stored has its outbox row (written in the same transaction), and every outbox
     * row of a topic is on it exactly once, nothing else is.
     */
    private void theOutboxTopicsHoldEachMessageOnce() throws Exception {
        Set<String> transitions = ids(Service.QUERY, "select 'alert-transition-' || id from alert_transition");
        Set<String> snapshots = ids(Service.SCORING, "select id::text from scoring.evaluation");
        long notTaken = evaluationsAccepted.stream()
                .filter(id -> !snapshots.contains(id))
                .count();
        check(
                "every evaluation accepted (201) is stored",
                !evaluationsAccepted.isEmpty() && notTaken == 0,
                evaluationsAccepted.size() + " evaluations accepted, " + notTaken + " of them not stored");
        say("CHECKED the evaluations taken during the faults: " + evaluationsAccepted.size() + " accepted (201), "
                + notTaken + " not stored");
        onItsTopicOnce("every alert transition on " + ALERTS + " exactly once", Service.QUERY, ALERTS, transitions);
        onItsTopicOnce(
                "every evaluation and projected-score change on " + EVALUATIONS + " exactly once",
                Service.SCORING,
                EVALUATIONS,
                snapshots);
    }

    private void onItsTopicOnce(String property, Service publisher, String topic, Set<String> announced)
            throws Exception {
        Set<String> written = new HashSet<>();
        String outbox = publisher == Service.SCORING ? "scoring.outbox" : "outbox";
        try (Connection db = connect(publisher);
                PreparedStatement rows = db.prepareStatement("select event_id from " + outbox + " where topic = ?")) {
            rows.setString(1, topic);
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getString(1));
                }
            }
        }
        awaitUntil(publisher.artifact() + "'s outbox relay has sent every row", CATCH_UP, () -> {
            try (Connection db = connect(publisher);
                    ResultSet rs = db.createStatement()
                            .executeQuery("select count(*) from " + outbox + " where sent_at is null")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
        Map<String, Long> onTopic = countById(topics.readAll(topic), r -> Topics.header(r.headers(), "ce_id"));
        long notWritten = announced.stream().filter(id -> !written.contains(id)).count();
        long missing = written.stream().filter(id -> !onTopic.containsKey(id)).count();
        long twice = onTopic.values().stream().filter(c -> c > 1).count();
        long unknown =
                onTopic.keySet().stream().filter(id -> !written.contains(id)).count();
        check(
                property,
                !announced.isEmpty() && notWritten == 0 && missing == 0 && twice == 0 && unknown == 0,
                announced.size() + " stored, " + notWritten + " without an outbox row; " + written.size()
                        + " outbox rows: " + missing + " missing on the topic, " + twice + " more than once, "
                        + unknown + " on the topic but not in the outbox");
        say("CHECKED " + topic + ": " + announced.size() + " stored by " + publisher.artifact() + ", "
                + written.size() + " outbox rows, " + onTopic.size() + " CloudEvents ids on the topic; "
                + notWritten + " without a row, " + missing + " missing, " + twice + " more than once, " + unknown
                + " unknown");
    }

    private static Set<String> ids(Service service, String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection db = connect(service)) {
            query(db, sql, rs -> ids.add(rs.getString(1)));
        }
        return ids;
    }

    /**
     * A clean rebuild is a second instance of each reader on an empty database, reading {@value #EVENTS}
     * from offset 0 in a consumer group of its own. Its outbox relay is off: its rows are written (the
     * same code runs) but nothing it decides reaches the topics the live system is counted on.
     */
    private static CompletableFuture<String[]> startCleanRebuilds() {
        say("starting a second query-service and scoring-service on empty databases, reading " + EVENTS
                + " from offset 0 (consumer groups of their own, outbox relays off)");
        CompletableFuture<String> query = CompletableFuture.supplyAsync(() -> stack.startExtraInstance(
                "query-rebuild",
                Service.QUERY,
                "budget_query_rebuild",
                Map.of(
                        "budget.kafka.group-id", "query-rebuild",
                        "spring.kafka.consumer.group-id", "query-rebuild",
                        "budget.outbox.enabled", "false")));
        CompletableFuture<String> scoring = CompletableFuture.supplyAsync(() -> stack.startExtraInstance(
                "scoring-rebuild",
                Service.SCORING,
                "budget_scoring_rebuild",
                Map.of(
                        "budget.kafka.group-id", "scoring-rebuild",
                        "spring.kafka.consumer.group-id", "scoring-rebuild",
                        "budget.outbox.enabled", "false")));
        return query.thenCombine(scoring, (q, sc) -> new String[] {q, sc});
    }

    private void everyReadModelEqualsACleanRebuild(Map<String, JsonNode> live, CompletableFuture<String[]> rebuilds)
            throws Exception {
        String query = rebuilds.join()[0];
        String scoring = rebuilds.join()[1];
        long began = System.nanoTime();
        // the rebuilds consume what the live readers did: every record now on the topic
        topics.awaitConsumed("query-rebuild", EVENTS, CATCH_UP);
        topics.awaitConsumed("scoring-rebuild", EVENTS, CATCH_UP);
        say("the rebuilds consumed " + EVENTS + " to its end in " + seconds(began) + " s");
        // the rebuilt monitor judges once it is close to the log end, after its last batch: give it that moment
        Map<String, JsonNode> rebuilt = digests(query, scoring);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!rebuilt.get("alerts").equals(live.get("alerts"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            rebuilt = digests(query, scoring);
        }
        for (String model : live.keySet()) {
            boolean equal = live.get(model).equals(rebuilt.get(model));
            check(
                    model + " digest equals a clean rebuild's",
                    equal,
                    model + ": live " + live.get(model) + " rebuilt " + rebuilt.get(model));
            say("CHECKED digest of " + model + ": live "
                    + live.get(model).path("all").asText().substring(0, 12)
                    + "…, clean rebuild "
                    + rebuilt.get(model).path("all").asText().substring(0, 12) + "… "
                    + (equal ? "equal" : "DIFFERENT")
                    + (model.equals("scoring inputs")
                            ? " (live: two replicas sharing " + PARTITIONS + " partitions; rebuild: one instance"
                                    + (equal ? " — they end with the same inputs)" : ")")
                            : ""));
        }
        for (RecordMetadata record : poison) {
            check(
                    "poison parked with its error",
                    parkedError(jdbcUrl("budget_query_rebuild"), Service.QUERY, record) != null
                            && parkedError(jdbcUrl("budget_scoring_rebuild"), Service.SCORING, record) != null,
                    "the rebuilds did not park " + where(record));
        }
        // and query-service's own rebuild, from its log copy, reproduces its live execution read model
        Client.Response own =
                client.postJson("admin", stack.url(Service.QUERY) + "/api/v1/admin/rebuild", "", Map.of());
        check(
                "execution digest equals query-service's rebuild from its log copy",
                own.status() == 200 && own.json().path("digest").equals(live.get("execution")),
                "POST /api/v1/admin/rebuild: " + own.status() + " " + abbreviate(own.body()));
        say("CHECKED query-service's own rebuild from its log copy: "
                + (own.status() == 200
                        ? own.json().path("events") + " events, digest "
                                + (own.json().path("digest").equals(live.get("execution")) ? "equal" : "DIFFERENT")
                        : own.status() + " " + abbreviate(own.body())));
    }

    // ---- helpers

    private static void printTable() {
        StringBuilder table = new StringBuilder("\nFAULT TABLE\n");
        table.append(String.format(
                "%-80s %9s %17s %5s %8s %7s%n", "fault", "injected", "events in flight", "lost", "doubled", "wall s"));
        for (Fault f : faults.values()) {
            table.append(String.format(
                    "%-80s %9d %17d %5d %8d %7d%n", f.name, f.injected, f.inFlight, f.lost, f.doubled, f.wall));
        }
        table.append("\nPROPERTIES\n");
        properties.forEach(
                (property, holds) -> table.append(String.format("%-70s %s%n", property, holds ? "ok" : "FAIL")));
        if (!findings.isEmpty()) {
            table.append("\nFINDINGS\n");
            findings.stream()
                    .limit(50)
                    .forEach(f -> table.append("  ").append(f).append('\n'));
        }
        table.append("\nwall time so far: ").append(seconds(started)).append(" s\n");
        say(table.toString());
    }

    private static void check(String property, boolean holds, String detail) {
        properties.merge(property, holds, Boolean::logicalAnd);
        if (!holds) {
            findings.add(property + ": " + detail);
            say("  FAILED " + property + ": " + detail);
        }
    }

    /** After a fault: the log position reached, once both readers have applied it; records the row. */
    private static long recovered(String name, long before) {
        long after = head();
        faults.put(name, new Fault(name, 1, after - before));
        try {
            awaitReaders(after);
        } catch (IllegalStateException stuck) {
            check(
                    "both readers reach the log end",
                    false,
                    "after " + name + ", at log position " + after + ": query-service at "
                            + readerPosition(Service.QUERY) + ", scoring-service at "
                            + readerPosition(Service.SCORING));
        }
        return after;
    }

    private static void awaitReaders(long position) {
        DemoLoader loader = new DemoLoader(dataDir);
        for (Service reader : List.of(Service.QUERY, Service.SCORING)) {
            try {
                loader.awaitPosition(stack.url(reader), position, CATCH_UP);
            } catch (IOException e) {
                // a reader being restarted does not answer: ask again until the deadline
                awaitUntil(reader.artifact() + " at " + position, CATCH_UP, () -> readerPosition(reader) >= position);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static long readerPosition(Service reader) {
        try {
            Client.Response response = client.get("auditor", stack.url(reader) + "/api/v1/position");
            return response.ok() ? response.json().path("position").asLong() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The last position of the event log (the command side's store). */
    private static long head() {
        try (Connection db = connect(Service.COMMAND);
                var rs = db.createStatement()
                        .executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long eventsOf(String correlationId) {
        try (Connection db = connect(Service.COMMAND);
                PreparedStatement count = db.prepareStatement(
                        "select count(*) from domain_event_entry where meta_data::jsonb ->> 'correlationId' = ?")) {
            count.setString(1, correlationId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return 0; // PostgreSQL busy or restarting: ask again
        }
    }

    /** An evaluation taken by the evaluator during a fault; the ones answered 201 must reach the topic. */
    private static void takeEvaluation() {
        try {
            Client.Response response = client.postJson(
                    "evaluator",
                    stack.url(Service.SCORING) + "/api/v1/evaluations",
                    "{\"department\":\"" + LoadGenerator.DEPARTMENT + "\",\"fiscalYear\":" + LoadGenerator.YEAR + "}",
                    Map.of());
            if (response.status() == 201) {
                evaluationsAccepted.add(response.json().path("id").asText());
            }
            say("  evaluation taken during " + phase + ": " + response.status());
        } catch (IOException e) {
            say("  evaluation taken during " + phase + ": no answer (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, JsonNode> digests(String queryUrl, String scoringUrl) throws Exception {
        Map<String, JsonNode> digests = new LinkedHashMap<>();
        digests.put(
                "execution",
                client.get("auditor", queryUrl + "/api/v1/admin/digest").json());
        digests.put(
                "alerts",
                client.get("auditor", queryUrl + "/api/v1/admin/digest/alerts").json());
        digests.put(
                "scoring inputs",
                client.get("auditor", scoringUrl + "/api/v1/admin/digest").json());
        return digests;
    }

    /** The error a reader parked a record with, or null when it did not park it. */
    private static String parkedError(String jdbcUrl, Service reader, RecordMetadata record) throws SQLException {
        String table = reader == Service.SCORING ? "scoring.dead_letter" : "dead_letter";
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement parked = db.prepareStatement("select error from " + table
                        + " where topic = ? and kafka_partition = ? and kafka_offset = ?")) {
            parked.setString(1, record.topic());
            parked.setInt(2, record.partition());
            parked.setLong(3, record.offset());
            try (ResultSet rs = parked.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String jdbcUrl(String database) {
        String query = stack.jdbcUrl(Service.QUERY);
        return query.substring(0, query.lastIndexOf('/') + 1) + database;
    }

    private static Connection connect(Service service) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(service), "postgres", "postgres");
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection db, String sql, Row row) throws SQLException {
        try (var statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    private static Map<String, Long> countById(
            List<ConsumerRecord<String, byte[]>> records, Function<ConsumerRecord<String, byte[]>, String> id) {
        return records.stream().collect(Collectors.groupingBy(id, HashMap::new, Collectors.counting()));
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(String what, Duration timeout, Condition condition) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e; // not answering yet: ask again
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not within " + timeout + ": " + what, last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String where(RecordMetadata record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static long seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000_000;
    }

    private static void say(String line) {
        System.out.println("[faults +" + (started == 0 ? 0 : seconds(started)) + " s] " + line);
    }
}
