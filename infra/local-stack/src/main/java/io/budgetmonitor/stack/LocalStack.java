package io.budgetmonitor.stack;

import io.budgetmonitor.testkit.embedded.EmbeddedKafkaBroker;
import io.budgetmonitor.testkit.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The whole system on one machine: PostgreSQL (one server, one database per service) and a Kafka
 * broker, embedded unless external ones are configured; the three services in their own JVMs; and
 * the demo year loaded once per data directory. A service JVM that exits unexpectedly is restarted
 * ({@link Supervisor}). {@link #close()} stops everything it started.
 */
public final class LocalStack implements AutoCloseable {

    static final String EVENTS_TOPIC = "budget.events.v1";

    private final StackSettings settings;
    private final Consumer<String> progress;
    private final Supervisor supervisor;
    private Map<Service, Integer> ports = Map.of();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private String jdbcPrefix;
    private String bootstrapServers;
    private Optional<com.fasterxml.jackson.databind.JsonNode> importReport = Optional.empty();
    private DemoUsersFile demoUsers;
    /** Extra, unsupervised instances started beside the stack (e.g. a reader rebuilding from offset 0). */
    private final List<ServiceProcess> extras = new ArrayList<>();

    public LocalStack(StackSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
        this.supervisor = new Supervisor(this::launch, RestartPolicy.STANDARD, Clock.systemUTC(), progress);
    }

    public LocalStack start() {
        try {
            Files.createDirectories(settings.dataDir());
            demoUsers = DemoUsersFile.ensure(
                    settings.dataDir(), settings.demoPassword().map(StackSettings.Secret::value));
            ports = claimPorts();
            startPostgres();
            startKafka();
            declareEventsTopic();
            startServices();
            supervisor.supervise();
            loadScenario();
            return this;
        } catch (RuntimeException | IOException e) {
            close();
            throw e instanceof RuntimeException re ? re : new UncheckedIOException((IOException) e);
        }
    }

    private Map<Service, Integer> claimPorts() {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : settings.services()) {
            ports.put(
                    service,
                    PortCheck.claim(
                            settings.ports().get(service),
                            "--" + service.key() + "-port or BUDGET_" + service.name() + "_PORT"));
        }
        return ports;
    }

    private void startPostgres() {
        if (settings.externalPostgres().isPresent()) {
            jdbcPrefix = settings.externalPostgres().get();
            progress.accept("using PostgreSQL at " + jdbcPrefix);
        } else {
            int port = PortCheck.claim(settings.postgresPort(), "--postgres-port or BUDGET_POSTGRES_PORT");
            progress.accept("starting PostgreSQL (data in " + settings.dataDir().resolve("postgres") + ")");
            postgres = EmbeddedPostgresServer.builder()
                    .dataDirectory(settings.dataDir().resolve("postgres"))
                    .port(port)
                    .build()
                    .start();
            jdbcPrefix = "jdbc:postgresql://localhost:" + postgres.port() + "/";
        }
        for (Service service : settings.services()) {
            createDatabaseIfMissing(service.database());
        }
    }

    private void createDatabaseIfMissing(String database) {
        try (Connection connection = DriverManager.getConnection(
                        jdbcPrefix + "postgres", settings.postgresUser(), settings.postgresPassword());
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create database " + database + " at " + jdbcPrefix + ": " + e.getMessage(), e);
        }
    }

    private void startKafka() {
        if (settings.externalKafka().isPresent()) {
            bootstrapServers = settings.externalKafka().get();
            progress.accept("using Kafka at " + bootstrapServers);
            return;
        }
        int port = PortCheck.claim(settings.kafkaPort(), "--kafka-port or BUDGET_KAFKA_PORT");
        progress.accept("starting Kafka (KRaft, data in " + settings.dataDir().resolve("kafka") + ")");
        kafka = EmbeddedKafkaBroker.builder()
                .dataDirectory(settings.dataDir().resolve("kafka"))
                .port(port)
                .build()
                .start();
        bootstrapServers = kafka.bootstrapServers();
    }

    /**
     * Creates {@value #EVENTS_TOPIC} with {@link StackSettings#eventsPartitions()} partitions before any
     * service starts: a reader subscribing first would otherwise have the broker auto-create it with one, and
     * command-service's own declaration (given the same count) would then have to grow a topic that may already
     * hold events, moving keys to other partitions.
     */
    private void declareEventsTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(
                                new NewTopic(EVENTS_TOPIC, Optional.of(settings.eventsPartitions()), Optional.empty())))
                        .all()
                        .get(1, TimeUnit.MINUTES);
                progress.accept(EVENTS_TOPIC + " created with " + settings.eventsPartitions() + " partition(s)");
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create " + EVENTS_TOPIC + ": " + e.getCause(), e);
                }
                int partitions = admin.describeTopics(List.of(EVENTS_TOPIC))
                        .allTopicNames()
                        .get(1, TimeUnit.MINUTES)
                        .get(EVENTS_TOPIC)
                        .partitions()
                        .size();
                if (partitions != settings.eventsPartitions()) {
                    progress.accept(EVENTS_TOPIC + " already has " + partitions + " partition(s), not "
                            + settings.eventsPartitions() + " (a topic is never changed here)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + EVENTS_TOPIC, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + EVENTS_TOPIC + ": " + e, e);
        }
    }

    private void startServices() {
        progress.accept("starting "
                + String.join(
                        ", ",
                        settings.services().stream().map(Service::artifact).toList()));
        List<ServiceProcess> started =
                settings.services().stream().map(supervisor::start).toList();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (ServiceProcess process : started) {
            ready.add(CompletableFuture.runAsync(() -> {
                process.awaitReady(Duration.ofMinutes(3));
                progress.accept(process.service().artifact() + " ready at " + process.baseUrl());
            }));
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** One service's JVM, on its claimed port; also how the supervisor restarts it. */
    private ServiceProcess launch(Service service) {
        return ServiceProcess.launch(
                service,
                ServiceProcess.jarOf(service, settings.projectRoot()),
                ports.get(service),
                settings.javaOptions(),
                properties(service, service.database()),
                settings.dataDir().resolve("logs").resolve(service.artifact() + ".log"));
    }

    private Map<String, String> properties(Service service, String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (service == Service.COMMAND) {
            // its start-up declaration of the topic must agree with the one made above
            properties.put("budget.events.topic-partitions", String.valueOf(settings.eventsPartitions()));
        }
        properties.put("spring.datasource.url", jdbcPrefix + database);
        properties.put("spring.datasource.username", settings.postgresUser());
        properties.put("spring.datasource.password", settings.postgresPassword());
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        // one machine, one PostgreSQL: a backend costs ~20 MB, and a few connections per service suffice
        properties.put("spring.datasource.hikari.maximum-pool-size", "5");
        // a restarted reader rejoins its consumer group only once Kafka has dropped its killed predecessor,
        // which Kafka does after the session timeout: 45 s by default, 10 s here (heartbeats stay at 3 s)
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
        // the path only: the passwords stay in the owner-only file, off every command line
        properties.put("budget.security.demo-users-file", demoUsers.path().toString());
        return properties;
    }

    /**
     * Starts one more instance of a service beside the stack, on a free port and its own database
     * (created if missing), with extra properties (e.g. another consumer group, so a reader reads the
     * log from offset 0 into an empty database: a clean rebuild). It is not supervised; {@link #close()}
     * stops it.
     *
     * @return its base URL, once it is ready
     */
    public String startExtraInstance(String name, Service service, String database, Map<String, String> extra) {
        createDatabaseIfMissing(database);
        Map<String, String> properties = properties(service, database);
        properties.putAll(extra);
        ServiceProcess process = ServiceProcess.launch(
                service,
                ServiceProcess.jarOf(service, settings.projectRoot()),
                PortCheck.claim(0, "(a free port)"),
                settings.javaOptions(),
                properties,
                settings.dataDir().resolve("logs").resolve(name + ".log"));
        synchronized (extras) {
            extras.add(process);
        }
        process.awaitReady(Duration.ofMinutes(3));
        progress.accept(name + " (" + service.artifact() + " on " + database + ") ready at " + process.baseUrl());
        return process.baseUrl();
    }

    /**
     * SIGKILL to a service's JVM, as a crash would end it: no shutdown hook runs. The supervisor
     * reports the exit and starts the service again ({@link #awaitRestarted}).
     *
     * @return the killed JVM's process id
     */
    public long kill(Service service) {
        long pid = pid(service);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    /** Waits until the supervisor has replaced the JVM {@code killedPid} of a service and the new one is ready. */
    public void awaitRestarted(Service service, long killedPid, Duration timeout) {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (true) {
            Optional<ServiceProcess> current = supervisor.process(service);
            if (current.isPresent() && current.get().pid() != killedPid) {
                current.get().awaitReady(Duration.between(java.time.Instant.now(), deadline));
                return;
            }
            if (gaveUp().isDone() || java.time.Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(service.artifact() + " was not restarted within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service.artifact(), e);
            }
        }
    }

    /** Stops the embedded Kafka broker (its data is kept); the services see a broker that is down. */
    public void stopKafkaBroker() {
        embeddedKafka().stop();
    }

    /** Starts the embedded Kafka broker again on the same port and data directory. */
    public void startKafkaBroker() {
        embeddedKafka().start();
    }

    /**
     * Stops the embedded PostgreSQL ({@code pg_ctl stop}, fast mode: open sessions are ended) and
     * starts it again on the same port and data directory; the services' pools reconnect.
     */
    public void restartPostgres() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not embedded in this stack");
        }
        postgres.stop();
        postgres.start();
    }

    private EmbeddedKafkaBroker embeddedKafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is not embedded in this stack");
        }
        return kafka;
    }

    /** {@code host:port} of the Kafka broker the services use. */
    public String kafkaBootstrapServers() {
        return bootstrapServers;
    }

    private void loadScenario() {
        if (!settings.loadDemo() || supervisor.process(Service.COMMAND).isEmpty()) {
            return;
        }
        DemoLoader loader = new DemoLoader(settings.dataDir());
        if (loader.alreadyLoaded()) {
            progress.accept("scenario already loaded in " + settings.dataDir() + " (not loading it twice)");
            return;
        }
        progress.accept(
                "loading " + settings.scenario().map(Path::toString).orElse("the Shijing 2021 demo year") + "…");
        Supplier<InputStream> scenario = () -> {
            try {
                return settings.scenario().isPresent()
                        ? Files.newInputStream(settings.scenario().get())
                        : LocalStack.class.getResourceAsStream(DemoLoader.DEMO_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        List<String> readers = new ArrayList<>();
        for (Service reader : List.of(Service.QUERY, Service.SCORING)) {
            supervisor.process(reader).ifPresent(process -> readers.add(process.baseUrl()));
        }
        importReport = Optional.of(loader.load(scenario, url(Service.COMMAND), readers));
        progress.accept("loaded: " + importReport.get().path("accepted").asLong() + " commands accepted, "
                + importReport.get().path("rejected").size() + " rejected, log position "
                + importReport.get().path("position").asLong());
    }

    /** Base URL of a running service, e.g. {@code http://127.0.0.1:8081}. */
    public String url(Service service) {
        return supervisor
                .process(service)
                .map(ServiceProcess::baseUrl)
                .orElseThrow(() -> new IllegalStateException(service.artifact() + " is not running in this stack"));
    }

    /** The demo users' passwords, to call the services with. */
    public DemoUsersFile demoUsers() {
        return demoUsers;
    }

    public Optional<com.fasterxml.jackson.databind.JsonNode> importReport() {
        return importReport;
    }

    /** The department-year of the scenario this data directory holds, if any was loaded. */
    public Optional<DemoLoader.DepartmentYear> loadedDepartmentYear() {
        return new DemoLoader(settings.dataDir()).loadedDepartmentYear();
    }

    /** JDBC URL of a service's database (auditors may read the event store directly). */
    public String jdbcUrl(Service service) {
        return jdbcPrefix + service.database();
    }

    public StackSettings settings() {
        return settings;
    }

    /** Process ids of the service JVMs (for checking nothing is left behind). */
    public List<Long> servicePids() {
        return supervisor.processes().stream().map(ServiceProcess::pid).toList();
    }

    /** Process id of one service's JVM: a restart gives it a new one. */
    public long pid(Service service) {
        return supervisor
                .process(service)
                .map(ServiceProcess::pid)
                .orElseThrow(() -> new IllegalStateException(service.artifact() + " is not running in this stack"));
    }

    /**
     * Completes with the service the stack gave up restarting (it kept exiting; see {@link RestartPolicy}),
     * the others still running; never completes while every service runs.
     */
    public CompletableFuture<Service> gaveUp() {
        return supervisor.gaveUp();
    }

    @Override
    public synchronized void close() {
        // a JVM that died (waiting for its restart) records nothing
        if (supervisor.processes().stream().anyMatch(p -> p.recordsClassArchive() && p.isAlive())) {
            progress.accept("recording class archives for quicker starts (once per build, ~20 s)…");
        }
        supervisor.close();
        List<ServiceProcess> started;
        synchronized (extras) {
            started = List.copyOf(extras);
            extras.clear();
        }
        started.parallelStream().forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
