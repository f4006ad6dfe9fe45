package io.budgetmonitor.testkit;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL and Kafka in containers. Only loaded when Docker answers, so Testcontainers classes
 * are never touched on machines without it.
 */
final class ContainerBackend implements Backend {

    private final InfraSettings settings;
    private volatile PostgreSQLContainer<?> postgres;
    private volatile KafkaContainer kafka;

    ContainerBackend(InfraSettings settings) {
        this.settings = settings;
    }

    @Override
    public String description() {
        return "Testcontainers " + settings.pgImage() + " + " + settings.kafkaImage();
    }

    @Override
    public PostgresDatabase startPostgres() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(
                        DockerImageName.parse(settings.pgImage()).asCompatibleSubstituteFor("postgres"))
                // test data is disposable: trade durability for speed; many Spring contexts, many pools
                .withCommand(
                        "postgres",
                        "-c",
                        "fsync=off",
                        "-c",
                        "synchronous_commit=off",
                        "-c",
                        "full_page_writes=off",
                        "-c",
                        "max_connections=300");
        container.start();
        postgres = container;
        return new PostgresDatabase(
                container.getDatabaseName(), container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    @Override
    public String startKafka() {
        KafkaContainer container = new KafkaContainer(
                        DockerImageName.parse(settings.kafkaImage()).asCompatibleSubstituteFor("apache/kafka"))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        kafka = container;
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        // Ryuk would remove them too; stopping here frees resources before the next build starts
        try {
            if (kafka != null) {
                kafka.stop();
            }
        } finally {
            if (postgres != null) {
                postgres.stop();
            }
        }
    }
}
