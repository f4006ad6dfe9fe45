package io.budgetmonitor.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real PostgreSQL server and a real Kafka broker for tests, shared by every test class in the JVM.
 *
 * <p>Where they come from is decided once, by {@code BUDGET_TEST_INFRA} (or {@code -Dbudget.test.infra}):
 * <ul>
 *   <li>{@code auto} (default): Testcontainers if a Docker engine answers, otherwise embedded;</li>
 *   <li>{@code containers}: Testcontainers, failing without Docker;</li>
 *   <li>{@code embedded}: zonky embedded PostgreSQL and an in-process KRaft Kafka broker;</li>
 *   <li>{@code external}: {@code BUDGET_TEST_PG_URL}, {@code BUDGET_TEST_PG_USER},
 *       {@code BUDGET_TEST_PG_PASSWORD}, {@code BUDGET_TEST_KAFKA_BOOTSTRAP}.</li>
 * </ul>
 *
 * <p>Each server starts lazily on first use, so a test that needs only PostgreSQL never waits for
 * Kafka. A JVM shutdown hook stops them and deletes their temp directories (in external mode it drops
 * the databases this JVM created instead). If a server fails to start, every later request fails
 * fast with the same cause rather than retrying for each test class.
 *
 * <p>Typical Spring Boot test:
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     var db = TestInfrastructure.get().newDatabase("cmd");
 *     TestInfrastructure.registerSpringProperties(registry::add, db);
 * }
 * }</pre>
 */
public final class TestInfrastructure {

    private static final Object LOCK = new Object();
    private static volatile TestInfrastructure instance;

    private final InfraSettings settings;
    private final List<String> createdDatabases = new CopyOnWriteArrayList<>();
    private Backend backend;
    private InfraMode mode;
    private CompletableFuture<PostgresDatabase> postgres;
    private CompletableFuture<String> kafka;
    private final Map<String, String> startupTimes = new java.util.concurrent.ConcurrentSkipListMap<>();

    TestInfrastructure(InfraSettings settings) {
        this.settings = settings;
    }

    /**
     * @return the JVM-wide instance; creating it starts nothing yet
     * @throws IllegalArgumentException when {@code BUDGET_TEST_INFRA} names no known mode
     */
    public static TestInfrastructure get() {
        TestInfrastructure current = instance;
        if (current == null) {
            synchronized (LOCK) {
                current = instance;
                if (current == null) {
                    current = new TestInfrastructure(InfraSettings.fromEnvironment());
                    Runtime.getRuntime().addShutdownHook(new Thread(current::close, "budget-testkit-shutdown"));
                    instance = current;
                }
            }
        }
        return current;
    }

    /**
     * Adds {@code spring.datasource.url/username/password} for {@code database} and
     * {@code spring.kafka.bootstrap-servers} (resolved lazily, so Kafka starts only when Spring reads
     * it) to a property registry such as {@code DynamicPropertyRegistry::add}.
     *
     * @param registry receives (property name, value supplier) pairs
     * @param database usually from {@link #newDatabase(String)}
     */
    public static void registerSpringProperties(
            BiConsumer<String, Supplier<Object>> registry, PostgresDatabase database) {
        registry.accept("spring.datasource.url", database::jdbcUrl);
        registry.accept("spring.datasource.username", database::username);
        registry.accept("spring.datasource.password", database::password);
        registry.accept("spring.kafka.bootstrap-servers", () -> get().kafkaBootstrapServers());
    }

    /**
     * Shorthand for {@code registerSpringProperties(registry, get().newDatabase(prefix))}.
     *
     * @param registry receives (property name, value supplier) pairs
     * @param prefix   start of the fresh database's name, e.g. the service name
     * @return the database that was created
     */
    public static PostgresDatabase registerSpringProperties(
            BiConsumer<String, Supplier<Object>> registry, String prefix) {
        PostgresDatabase database = get().newDatabase(prefix);
        registerSpringProperties(registry, database);
        return database;
    }

    /**
     * Starts PostgreSQL and Kafka in parallel (if not yet running) and waits for both.
     *
     * @return this
     */
    public TestInfrastructure start() {
        CompletableFuture<PostgresDatabase> pg = postgres();
        CompletableFuture<String> broker = kafka();
        await(pg);
        await(broker);
        return this;
    }

    /** @return where the servers come from; {@link InfraMode#AUTO} is resolved to what it picked */
    public InfraMode mode() {
        backend();
        return mode;
    }

    /** @return {@code host:port[,host:port]} of the Kafka broker, starting it if needed */
    public String kafkaBootstrapServers() {
        return await(kafka());
    }

    /**
     * Creates an empty database that no other caller sees, starting PostgreSQL if needed.
     *
     * @param prefix start of the name, e.g. {@code "cmd"}; made lower-case and SQL-safe, then a unique
     *               suffix is added
     * @return its connection details
     */
    public PostgresDatabase newDatabase(String prefix) {
        PostgresDatabase admin = await(postgres());
        String name = DatabaseNames.unique(prefix);
        execute(admin, "CREATE DATABASE " + name);
        createdDatabases.add(name);
        return new PostgresDatabase(
                name, JdbcUrls.withDatabase(admin.jdbcUrl(), name), admin.username(), admin.password());
    }

    /**
     * Creates a topic unless it already exists (its partition count is then left as is), with the
     * broker's default replication factor.
     *
     * @param name       topic name
     * @param partitions partition count for a new topic
     */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafkaBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** @return superuser connection to the maintenance database (for the kit's own tests) */
    PostgresDatabase adminDatabase() {
        return await(postgres());
    }

    /** Stops the servers or, in external mode, drops this JVM's databases. Runs from the shutdown hook. */
    void close() {
        Backend current;
        synchronized (this) {
            current = backend;
        }
        if (current == null) {
            return;
        }
        if (current.keepsDatabasesAfterExit() && postgres != null && !postgres.isCompletedExceptionally()) {
            dropCreatedDatabases(postgres.join());
        }
        current.close();
    }

    private synchronized Backend backend() {
        if (backend == null) {
            InfraMode requested = settings.mode();
            mode = requested == InfraMode.AUTO
                    ? (DockerProbe.dockerAnswers() ? InfraMode.CONTAINERS : InfraMode.EMBEDDED)
                    : requested;
            if (requested == InfraMode.CONTAINERS && !DockerProbe.dockerAnswers(true)) {
                throw new IllegalStateException(
                        "BUDGET_TEST_INFRA=containers but no Docker engine answers; " + "use auto or embedded");
            }
            backend = switch (mode) {
                case CONTAINERS -> new ContainerBackend(settings);
                case EXTERNAL -> new ExternalBackend(settings);
                default -> new EmbeddedBackend();
            };
        }
        return backend;
    }

    private synchronized CompletableFuture<PostgresDatabase> postgres() {
        if (postgres == null) {
            Backend chosen = backend();
            postgres = CompletableFuture.supplyAsync(
                    () -> unchecked("postgres", chosen::startPostgres), starterThread("postgres"));
        }
        return postgres;
    }

    private synchronized CompletableFuture<String> kafka() {
        if (kafka == null) {
            Backend chosen = backend();
            kafka = CompletableFuture.supplyAsync(() -> unchecked("kafka", chosen::startKafka), starterThread("kafka"));
        }
        return kafka;
    }

    /** A fresh thread per server: the common pool may be tiny on a 2-core CI machine. */
    private static Executor starterThread(String what) {
        return task -> {
            Thread thread = new Thread(task, "budget-testkit-start-" + what);
            thread.setDaemon(true);
            thread.start();
        };
    }

    private void dropCreatedDatabases(PostgresDatabase admin) {
        for (String name : createdDatabases) {
            try {
                execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }
    }

    private static void execute(PostgresDatabase admin, String sql) {
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + admin.jdbcUrl(), e);
        }
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "test infrastructure (" + backend().description() + ") is not available: " + cause.getMessage(),
                    cause);
        }
    }

    /** @return how long each server took to come up, e.g. {@code postgres=1234ms kafka=987ms} (for reports) */
    String startupTimes() {
        return startupTimes.toString();
    }

    private <T> T unchecked(String what, StartAction<T> action) {
        long start = System.nanoTime();
        try {
            T result = action.start();
            startupTimes.put(what, (System.nanoTime() - start) / 1_000_000 + "ms");
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface StartAction<T> {
        T start() throws Exception;
    }
}
