package io.budgetmonitor.testkit.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker (the {@code kafka_2.13} server classes, KRaft mode, no ZooKeeper) running
 * inside this JVM: one node that is both controller and broker, listening on 127.0.0.1.
 *
 * <p>Settings suit a single node: auto-created topics, replication factor 1 and min ISR 1 for the
 * offsets and transaction-state topics, so consumer groups, idempotent producers ({@code acks=all})
 * and transactions work.
 *
 * <p>Two uses:
 * <ul>
 *   <li>tests: {@code EmbeddedKafkaBroker.builder().build().start()} on a free port in a temp
 *       directory that is deleted on stop;</li>
 *   <li>a local run: {@code builder().dataDirectory(dir).port(9092).build().start()} keeps its log
 *       segments and metadata in {@code dir}: topics and records survive restarts.</li>
 * </ul>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;

    private final Path givenDataDirectory;
    private final int requestedPort;
    private final int requestedControllerPort;
    private final Map<String, String> overrides;
    private Path dataDirectory;
    private KafkaRaftServer server;
    private int port;

    private EmbeddedKafkaBroker(Builder builder) {
        this.givenDataDirectory = builder.dataDirectory;
        this.requestedPort = builder.port;
        this.requestedControllerPort = builder.controllerPort;
        this.overrides = Map.copyOf(builder.overrides);
    }

    /** @return a builder; without settings it makes a temporary broker on a free port. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the storage directory if it is new, then starts the broker and waits until it has
     * joined its own quorum and is unfenced. Calling it on a running broker does nothing.
     *
     * @return this broker, for chaining
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        try {
            dataDirectory = givenDataDirectory != null
                    ? Files.createDirectories(givenDataDirectory)
                    : Files.createTempDirectory("budget-kafka-");
            port = requestedPort != 0 ? requestedPort : FreePorts.find();
            // the controller port is not stored in the metadata log (static quorum), so a fresh
            // free port on every start is fine even for a persistent directory
            int controllerPort = requestedControllerPort != 0 ? requestedControllerPort : FreePorts.find();
            Properties config = config(port, controllerPort);
            formatIfNew(config);
            KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
            started.startup();
            server = started;
        } catch (IOException e) {
            cleanUpTemporaryDirectory();
            throw new UncheckedIOException("embedded Kafka did not start", e);
        } catch (RuntimeException e) {
            cleanUpTemporaryDirectory();
            throw e;
        }
        return this;
    }

    /** @return {@code 127.0.0.1:port}, for {@code bootstrap.servers}; only valid while running */
    public synchronized String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("embedded Kafka is not running");
        }
        return "127.0.0.1:" + port;
    }

    /** @return whether {@link #start()} succeeded and {@link #stop()} has not run since */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Shuts the broker down and waits for it. A temporary data directory is deleted; a given one is
     * kept. Safe to call repeatedly.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
            cleanUpTemporaryDirectory();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private Properties config(int brokerPort, int controllerPort) {
        Path logs = dataDirectory.resolve("logs");
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logs.toString());
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        // one node: every internal topic must make do with one replica
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("min.insync.replicas", "1");
        // fewer internal partitions: the first consumer group / transaction comes up much faster
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        // tests should not wait 3 s for the first rebalance
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("num.io.threads", "2");
        p.put("num.network.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("auto.leader.rebalance.enable", "false");
        p.putAll(overrides);
        return p;
    }

    /**
     * Runs the storage tool's {@code format} command, as {@code kafka-storage.sh format} would, unless
     * the directory is already formatted: a restart must keep its cluster id, topics and records
     * ({@code --ignore-formatted} alone is not enough, it still insists on the same cluster id).
     */
    private void formatIfNew(Properties config) throws IOException {
        if (Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        Path configFile = dataDirectory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "written by EmbeddedKafkaBroker for the storage tool; rewritten on start");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(
                    new String[] {
                        "format",
                        "--config",
                        configFile.toString(),
                        "--cluster-id",
                        Uuid.randomUuid().toString(),
                        "--ignore-formatted"
                    },
                    print);
        }
        if (status != 0) {
            throw new IllegalStateException(
                    "kafka storage format failed (" + status + "): " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void cleanUpTemporaryDirectory() {
        if (givenDataDirectory == null) {
            FileTrees.deleteQuietly(dataDirectory);
        }
    }

    /** Options for {@link EmbeddedKafkaBroker}; all optional. */
    public static final class Builder {
        private Path dataDirectory;
        private int port;
        private int controllerPort;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {}

        /**
         * @param dataDirectory where metadata and log segments live; kept across restarts (default:
         *                      a temp directory, deleted on stop)
         * @return this builder
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /**
         * @param port fixed client port on 127.0.0.1; {@code 0} (the default) picks a free one
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * @param controllerPort fixed KRaft controller port; {@code 0} (the default) picks a free one
         * @return this builder
         */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /**
         * @param name  any broker setting ({@code server.properties} key); wins over the defaults
         * @param value its value
         * @return this builder
         */
        public Builder brokerConfig(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        /** @return a broker that is not started yet */
        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
