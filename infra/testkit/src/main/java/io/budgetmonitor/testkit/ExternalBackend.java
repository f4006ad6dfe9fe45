package io.budgetmonitor.testkit;

/** Servers run by somebody else; nothing to start or stop. */
final class ExternalBackend implements Backend {

    private final InfraSettings settings;

    ExternalBackend(InfraSettings settings) {
        settings.requireExternal();
        this.settings = settings;
    }

    @Override
    public String description() {
        return "external servers " + settings.pgUrl() + " and " + settings.kafkaBootstrap();
    }

    @Override
    public PostgresDatabase startPostgres() {
        String password = settings.pgPassword() == null ? "" : settings.pgPassword();
        return new PostgresDatabase(null, settings.pgUrl(), settings.pgUser(), password);
    }

    @Override
    public String startKafka() {
        return settings.kafkaBootstrap();
    }

    @Override
    public boolean keepsDatabasesAfterExit() {
        return true;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
