package io.budgetmonitor.command.dispatch;

import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.command.eventstore.AggregateCache;
import io.budgetmonitor.command.eventstore.SnapshotsFromMemory;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How commands reach the aggregates: routing, snapshots, metadata and retries.
 *
 * <p>Budget lines are cached between commands ({@code AggregateCache}): an entry is checked against
 * the stream's head sequence before use, so with several instances writing to one store none decides
 * on state another has moved past; snapshots every {@code budget.snapshots.budget-line-threshold}
 * events keep the cost of a cache miss constant.
 */
@Configuration(proxyBeanMethods = false)
public class CommandDispatchConfiguration {

    /** Every command names the aggregate that decides it: no annotations needed on the records. */
    @Bean
    public CommandTargetResolver budgetCommandTargetResolver() {
        return command -> {
            if (command.getPayload() instanceof BudgetCommand budgetCommand) {
                return new VersionedAggregateIdentifier(budgetCommand.targetAggregateId(), (Long) null);
            }
            throw new IllegalArgumentException(
                    "not a budget command: " + command.getPayloadType().getName());
        };
    }

    /**
     * Takes snapshots on its own thread. Axon's default runs the snapshot right after the commit, in
     * the committing thread, while the aggregate lock is still held and a second connection is needed:
     * with the pool taken by requests queued for that same lock (a run on one line), it waits for a
     * connection until the pool times out.
     */
    @Bean
    public Snapshotter aggregateSnapshotter(
            org.axonframework.config.Configuration configuration,
            HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore,
            TransactionManager transactionManager,
            SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .handlerDefinition(handlerDefinition)
                .parameterResolverFactory(parameterResolverFactory)
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .executor(afterTheTransactionCommits(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "aggregate-snapshotter");
                    thread.setDaemon(true);
                    return thread;
                })))
                .build();
    }

    /**
     * A command decided inside an import batch "commits" while the batch's transaction is still open:
     * a snapshot taken then, on the snapshotter's own connection, would not see the events it is meant
     * to cover (nor, for a line the batch created, the line at all). Such a snapshot waits until the
     * batch's transaction ends, and runs whether it committed or rolled back: Axon marks a snapshot
     * "in progress" until its task has run, so a task dropped on rollback would leave the line never
     * snapshotted again until restart, and every later command would replay its whole history. After a
     * rollback the task snapshots what the store kept (nothing, for a line the batch created).
     */
    static Executor afterTheTransactionCommits(Executor snapshotter) {
        return task -> {
            if (TransactionSynchronizationManager.isActualTransactionActive()
                    && TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        snapshotter.execute(task);
                    }
                });
            } else {
                snapshotter.execute(task);
            }
        };
    }

    /**
     * The snapshotter the triggers use: from the committed aggregate in memory where the transaction holds
     * it, else Axon's ({@link #aggregateSnapshotter}), which reads the events back.
     */
    @Bean
    @Primary
    public SnapshotsFromMemory snapshotsFromMemory(
            AggregateCache aggregateCache,
            @Qualifier("aggregateSnapshotter") Snapshotter aggregateSnapshotter,
            @Qualifier("snapshotSerializer") Serializer snapshotSerializer,
            EventStore eventStore,
            PlatformTransactionManager transactionManager) {
        return new SnapshotsFromMemory(
                aggregateCache,
                aggregateSnapshotter,
                snapshotSerializer,
                eventStore,
                new TransactionTemplate(transactionManager),
                Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "snapshot-writer");
                    thread.setDaemon(true);
                    return thread;
                }));
    }

    /** A budget line with 100,000 payments loads as fast as one with 100 (快照). */
    @Bean
    public SnapshotTriggerDefinition budgetLineSnapshotTrigger(
            SnapshotsFromMemory snapshotter, @Value("${budget.snapshots.budget-line-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Copies who recorded a command, the client's claim of whom for, and its correlation id into every
     * event it causes. Declaring this
     * bean replaces Axon's default MessageOriginProvider, which would overwrite {@code correlationId}
     * with the command's message id.
     */
    @Bean
    public CorrelationDataProvider recordingCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(
                RequestMetadata.RECORDED_BY, RequestMetadata.ON_BEHALF_OF, RequestMetadata.CORRELATION_ID);
    }

    @Bean
    public CommandReceipts commandReceipts() {
        return new CommandReceipts();
    }

    @Bean
    public InitializingBean commandReceiptsRegistration(EventBus eventBus, CommandReceipts receipts) {
        return () -> eventBus.registerDispatchInterceptor(receipts.interceptor());
    }

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Within one JVM Axon's locking repository serialises commands per aggregate; across instances
     * the unique (aggregate, sequence) key fails the later append. Such a command is decided again on
     * the fresh state (a racing disbursement is re-checked against what is available, not lost).
     */
    @Bean
    public RetryScheduler commandRetryScheduler(
            ScheduledExecutorService commandRetryExecutor,
            @Value("${budget.commands.retry-attempts:5}") int attempts,
            @Value("${budget.commands.retry-interval-ms:20}") int intervalMs) {
        return IntervalRetryScheduler.builder()
                .retryExecutor(commandRetryExecutor)
                .maxRetryCount(attempts)
                .retryInterval(intervalMs)
                .nonTransientFailurePredicate(RetryableFailures.nonTransient())
                .build();
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, RetryScheduler commandRetryScheduler) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(commandRetryScheduler)
                .build();
    }
}
