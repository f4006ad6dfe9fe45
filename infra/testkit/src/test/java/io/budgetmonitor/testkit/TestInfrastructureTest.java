package io.budgetmonitor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealInfrastructure
class TestInfrastructureTest {

    @BeforeAll
    static void report(TestInfrastructure infrastructure) {
        System.out.println("[testkit] servers from " + infrastructure.mode() + ", started in parallel: "
                + infrastructure.startupTimes());
    }

    @Test
    void postgresAnswers(PostgresDatabase database) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void sameClassGetsSameDatabase(PostgresDatabase first, PostgresDatabase second) {
        assertThat(first).isEqualTo(second);
        assertThat(first.databaseName()).startsWith("testinfrastructuretest_");
    }

    @Test
    void databasesAreIsolated() throws SQLException {
        PostgresDatabase one = TestInfrastructure.get().newDatabase("Iso-One");
        PostgresDatabase two = TestInfrastructure.get().newDatabase("iso-two");
        assertThat(one.databaseName()).isNotEqualTo(two.databaseName()).startsWith("iso_one_");

        try (Connection connection = connect(one);
                Statement statement = connection.createStatement()) {
            statement.execute("create table ledger (id int primary key)");
            statement.execute("insert into ledger values (1)");
        }
        try (Connection connection = connect(two);
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select * from ledger"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not exist");
            try (ResultSet result = statement.executeQuery("select current_database()")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo(two.databaseName());
            }
        }
    }

    @Test
    void idempotentProducerRoundTrip() throws Exception {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        KafkaRoundTrip.send(bootstrap, "testkit.roundtrip", "budget-1", "{\"amount\":100}");

        var records = KafkaRoundTrip.readAll(bootstrap, "testkit.roundtrip", 1);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("budget-1");
        assertThat(records.get(0).value()).isEqualTo("{\"amount\":100}");
    }

    @Test
    void createTopicIsIdempotent() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        infrastructure.createTopic("testkit.partitioned", 3);
        infrastructure.createTopic("testkit.partitioned", 3);

        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(java.util.List.of("testkit.partitioned"))
                    .allTopicNames()
                    .get()
                    .get("testkit.partitioned");
            assertThat(topic.partitions()).hasSize(3);
        }
    }

    @Test
    void registersSpringProperties() {
        Map<String, Supplier<Object>> registry = new LinkedHashMap<>();
        PostgresDatabase database = TestInfrastructure.registerSpringProperties(registry::put, "spring");

        assertThat(registry)
                .containsOnlyKeys(
                        "spring.datasource.url",
                        "spring.datasource.username",
                        "spring.datasource.password",
                        "spring.kafka.bootstrap-servers");
        assertThat(registry.get("spring.datasource.url").get()).isEqualTo(database.jdbcUrl());
        assertThat(registry.get("spring.kafka.bootstrap-servers").get())
                .isEqualTo(TestInfrastructure.get().kafkaBootstrapServers());
    }

    @Test
    void externalModeUsesGivenServers() throws SQLException {
        // the shared servers stand in for servers run by somebody else
        TestInfrastructure shared = TestInfrastructure.get();
        PostgresDatabase admin = shared.adminDatabase();
        TestInfrastructure external = new TestInfrastructure(new InfraSettings(
                InfraMode.EXTERNAL,
                admin.jdbcUrl() + "?ApplicationName=testkit",
                admin.username(),
                admin.password(),
                shared.kafkaBootstrapServers(),
                null,
                null));

        PostgresDatabase database = external.newDatabase("external");
        external.createTopic("testkit.external", 2);

        assertThat(external.mode()).isEqualTo(InfraMode.EXTERNAL);
        assertThat(database.jdbcUrl()).endsWith("/" + database.databaseName() + "?ApplicationName=testkit");
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("create table t (id int)");
        }
        external.close(); // drops what it created, leaves the servers running
        try (Connection connection = connect(admin);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "select count(*) from pg_database where datname = '" + database.databaseName() + "'")) {
            result.next();
            assertThat(result.getInt(1)).isZero();
        }
    }

    private static Connection connect(PostgresDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
