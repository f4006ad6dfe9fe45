package io.budgetmonitor.command.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.budgetmonitor.api.wire.BudgetJson;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The event store (事件存储): Axon's {@link JdbcEventStorageEngine} on PostgreSQL with JSON everywhere.
 *
 * <p>Axon's {@code JdbcAutoConfiguration} would build an engine, a token store and schemas with
 * camelCase table names, binary payloads and a duplicate-key resolver that does not recognise
 * PostgreSQL's errors. Its {@code @ConditionalOnMissingBean} guards proved order-dependent (it
 * registered a second {@code eventSchema} beside ours), so the application excludes it and this class
 * declares everything it provided that the service uses. The {@code ConnectionProvider} is the same as
 * Axon's (Spring's {@code DataSourceUtils} behind a unit-of-work wrapper), so the event append, the
 * register tables and the token updates all run on the connection of the current Spring transaction. The schema itself is Flyway's
 * ({@code db/migration/V1__event_store.sql}).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Spring's transaction manager drives Axon's units of work (see {@link UnitOfWorkTransactions}). */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new UnitOfWorkTransactions(transactionManager);
    }

    /**
     * The connection of the current Spring transaction. Deliberately NOT wrapped in Axon's
     * {@code UnitOfWorkAwareConnectionProviderWrapper}: that wrapper commits or rolls back the raw
     * connection when a unit of work ends, behind Spring's back, which would commit an import batch
     * line by line and roll a whole batch back for one refused line.
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Axon's embedded store, staging events for the registers as they are applied. Its tracking processors
     * (the Kafka publisher) are woken when this process commits events ({@link StagingEventStore}); {@code
     * fetchDelay} is how long they wait at most for events another process committed (a second
     * command-service instance): one read of the log's tail per delay while idle.
     *
     * <p>Without Axon's shared read-ahead ({@code optimizeEventConsumption(false)}): the publisher, the only
     * tracking processor here, reads the log through its own stream, batch by batch. The shared cache is for
     * several processors; with one it only cost memory: Axon's producer thread reads every committed event into
     * a linked list and keeps everything after a lagging reader's place reachable, so a burst of writes faster
     * than Kafka takes them put 297,000 events (≈ 350 MB) in that list and ended the publisher with an {@code
     * OutOfMemoryError} (bench/run's 1,000,000-event district; AxonFramework#2954). A shorter clean-up interval
     * did not bound it. {@code PublisherBurstIT}: 251,000 events committed at once, live heap +6 MB instead
     * of +350 MB.
     */
    @Bean
    public EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            @Value("${budget.events.fetch-delay:PT0.2S}") Duration fetchDelay) {
        return new StagingEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(storageEngine)
                        .fetchDelay(Math.max(1, fetchDelay.toMillis()))
                        .optimizeEventConsumption(false)
                        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(configuration.getComponent(EventBusSpanFactory.class)),
                Math.max(1, fetchDelay.toMillis()));
    }

    /** Budget lines between commands, checked against the store's head (see {@link AggregateCache}). */
    @Bean
    public AggregateCache aggregateCache(
            JdbcTemplate jdbc, @Value("${budget.aggregates.cache-size:20000}") int capacity) {
        return new AggregateCache(jdbc, capacity);
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /**
     * Events and metadata as JSON text, appended by {@link PostgresEventStorageEngine}. Axon's default {@code JdbcSQLErrorCodesResolver} only knows
     * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws: with
     * it a lost race on (aggregate, sequence) would surface as a generic store error instead of the
     * {@code ConcurrencyException} the command retry looks for.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(
            @Qualifier("eventSerializer") Serializer eventSerializer,
            @Qualifier("snapshotSerializer") Serializer snapshotSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            ConnectionProvider connectionProvider,
            PlatformTransactionManager transactionManager,
            EventSchema eventSchema) {
        // the store's reads and appends join the command's transaction: never a savepoint of their own
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(UnitOfWorkTransactions.joiningOnly(transactionManager))
                .schema(eventSchema)
                .dataType(String.class);
        return new PostgresEventStorageEngine(builder, String.class);
    }

    /** Tokens as JSON text too; claims make several instances share one publisher safely. */
    @Bean
    public TokenStore tokenStore(
            ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .contentType(String.class)
                .build();
    }

    /** General serializer (tokens, anything not an event): the contract's JSON dialect. */
    @Bean
    @Primary
    public Serializer serializer() {
        return jackson(BudgetJson.configure(JsonMapper.builder().build()));
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson(BudgetJson.configure(JsonMapper.builder().build()));
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson(BudgetJson.configure(JsonMapper.builder().build()));
    }

    /**
     * Snapshots hold aggregate state, whose fields are private and have no getters: this mapper reads
     * and writes fields directly, ignoring accessors, so an aggregate snapshots as the JSON of its state.
     */
    @Bean
    @Qualifier("snapshotSerializer")
    public Serializer snapshotSerializer() {
        ObjectMapper mapper = BudgetJson.configure(JsonMapper.builder().build())
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return jackson(mapper);
    }

    private static Serializer jackson(ObjectMapper mapper) {
        return JacksonSerializer.builder()
                .objectMapper(mapper)
                .lenientDeserialization()
                .build();
    }
}
