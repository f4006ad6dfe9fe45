package io.budgetmonitor.command.publishing;

import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.CloudEventCodec;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka side of publishing: the topic (created at start), an idempotent {@code acks=all} producer of
 * CloudEvents in binary mode, and the error policy of the {@code kafka-publisher} processor. Axon's
 * Kafka extension is not used (not published for Axon 4.13).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublishingProperties.class)
public class PublishingConfiguration {

    @Bean
    public CloudEventCodec cloudEventCodec() {
        return new CloudEventCodec(BudgetJson.mapper());
    }

    @Bean
    public NewTopic budgetEventsTopic(PublishingProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.topicPartitions())
                .replicas(properties.topicReplicas())
                .build();
    }

    @Bean
    public KafkaTemplate<String, CloudEvent> budgetEventsTemplate(KafkaProperties kafkaProperties) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties(null);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        // at least once, in order per partition, no duplicates from producer retries
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        DefaultKafkaProducerFactory<String, CloudEvent> factory = new DefaultKafkaProducerFactory<>(config);
        return new KafkaTemplate<>(factory);
    }

    /**
     * Axon's default for event handlers is to log and go on, which here would move the token past an
     * event that never reached Kafka. Propagating puts the processor in error mode: it backs off and
     * retries the batch from the last stored token.
     */
    @Bean
    public ConfigurerModule kafkaPublisherPropagatesErrors() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        KafkaPublisher.PROCESSOR, c -> PropagatingErrorHandler.instance());
    }
}
