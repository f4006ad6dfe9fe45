package io.budgetmonitor.testkit;

import io.budgetmonitor.testkit.embedded.EmbeddedKafkaBroker;
import io.budgetmonitor.testkit.embedded.EmbeddedPostgresServer;

/** Throw-away embedded servers in temp directories on free ports. */
final class EmbeddedBackend implements Backend {

    private final EmbeddedPostgresServer postgres =
            EmbeddedPostgresServer.builder().build();
    private final EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build();

    @Override
    public String description() {
        return "embedded PostgreSQL + in-process KRaft Kafka";
    }

    @Override
    public PostgresDatabase startPostgres() {
        postgres.start();
        return new PostgresDatabase("postgres", postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
    }

    @Override
    public String startKafka() {
        QuietLogging.quietKafkaServer();
        return kafka.start().bootstrapServers();
    }

    @Override
    public void close() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
        }
    }
}
