package io.budgetmonitor.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What a reader imports ({@code @Import(EventConsumerConfiguration.class)}) next to its one
 * {@link Projection} bean; its Kafka listener hands each poll to {@link ExactlyOnceConsumer#accept}, and its
 * Flyway locations include {@code classpath:db/consumer}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumerSettings.class)
public class EventConsumerConfiguration {

    @Bean
    ConsumerStore consumerStore(JdbcTemplate jdbc) {
        return new ConsumerStore(jdbc);
    }

    @Bean
    ConsumerMetrics consumerMetrics(MeterRegistry registry, @Value("${spring.application.name:reader}") String reader) {
        return new ConsumerMetrics(registry, reader);
    }

    @Bean
    <R> ExactlyOnceConsumer<R> exactlyOnceConsumer(
            PlatformTransactionManager transactions,
            ConsumerStore store,
            Projection<R> projection,
            ConsumerMetrics metrics,
            ConsumerSettings settings) {
        return new ExactlyOnceConsumer<>(
                new TransactionTemplate(transactions), store, projection, metrics, settings.topic());
    }

    @Bean
    HeldEventsWatch heldEventsWatch(
            ExactlyOnceConsumer<?> consumer,
            Projection<?> projection,
            ConsumerSettings settings,
            ReaderPosition position) {
        return new HeldEventsWatch(consumer, projection, settings, position);
    }

    @Bean("eventConsumerHealthIndicator")
    ConsumerHealth eventConsumerHealth(ExactlyOnceConsumer<?> consumer, ReaderPosition position) {
        return new ConsumerHealth(consumer, position);
    }

    @Bean
    ReaderPosition readerPosition(
            ConsumerStore store, ConsumerSettings settings, ObjectProvider<PositionBound> bounds) {
        return new ReaderPosition(
                store, settings.topic(), bounds.orderedStream().toList());
    }

    @Bean
    PositionController positionController(ReaderPosition position) {
        return new PositionController(position);
    }

    @Bean
    HeldEventsController heldEventsController(ExactlyOnceConsumer<?> consumer, ConsumerSettings settings) {
        return new HeldEventsController(consumer, settings);
    }

    /**
     * A poll the consumer could not even park (the database is down) is retried with back-off for as long as
     * it takes, never skipped: Spring Kafka's default gives up after ten tries and commits past the batch.
     */
    @Bean
    CommonErrorHandler eventConsumerErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
