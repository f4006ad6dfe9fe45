package io.budgetmonitor.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of a service that sets {@code budget.outbox.source}: {@link Outbox} to write rows, the
 * {@link OutboxRelay} that sends them, and the relay's own producer (string keys, byte payloads, the
 * service's {@code spring.kafka.producer.*} settings otherwise). The table comes from the Flyway location
 * {@code classpath:db/outbox}, which the service adds to {@code spring.flyway.locations}.
 */
@AutoConfiguration(
        after = {
            KafkaAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class
        })
@ConditionalOnProperty(prefix = "budget.outbox", name = "source")
@EnableConfigurationProperties(OutboxSettings.class)
public class OutboxConfiguration {

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> outboxProducer(KafkaProperties kafka, ObjectProvider<SslBundles> sslBundles) {
        Map<String, Object> config = kafka.buildProducerProperties(sslBundles.getIfAvailable());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // a round must not hang on an unreachable broker: it fails, and the next one retries
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        // the producer gives a record up (its future fails) well before the relay stops waiting for it, so a
        // record the relay will send again is not also still retried by the producer: no duplicate when the
        // broker comes back (delivery.timeout.ms >= linger.ms + request.timeout.ms, as Kafka requires)
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return new KafkaProducer<>(config);
    }

    @Bean
    OutboxRelay outboxRelay(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            Producer<String, byte[]> outboxProducer,
            OutboxSettings settings,
            ObjectProvider<MeterRegistry> meters) {
        return new OutboxRelay(
                jdbc,
                new TransactionTemplate(transactions),
                outboxProducer,
                settings,
                Clock.systemUTC(),
                meters.getIfAvailable());
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        return new Outbox(jdbc, relay::wake);
    }
}
