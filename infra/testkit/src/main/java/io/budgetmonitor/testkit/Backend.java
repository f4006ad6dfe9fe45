package io.budgetmonitor.testkit;

/**
 * One way of providing the servers. {@link TestInfrastructure} calls each start method at most once,
 * possibly both at the same time from different threads, and {@link #close()} once at JVM exit.
 */
interface Backend extends AutoCloseable {

    /** @return what runs the servers, for messages */
    String description();

    /** @return a superuser connection to the server's maintenance database, used to CREATE DATABASE */
    PostgresDatabase startPostgres() throws Exception;

    /** @return Kafka bootstrap servers */
    String startKafka() throws Exception;

    /** @return whether databases made by {@code newDatabase} outlive this JVM and must be dropped */
    default boolean keepsDatabasesAfterExit() {
        return false;
    }

    @Override
    void close();
}
