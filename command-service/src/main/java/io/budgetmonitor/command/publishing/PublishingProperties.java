package io.budgetmonitor.command.publishing;

import io.budgetmonitor.api.wire.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code budget.events.*}: the event topic and how it is created at start. */
@ConfigurationProperties("budget.events")
public record PublishingProperties(String topic, Integer topicPartitions, Integer topicReplicas, Duration ackTimeout) {

    public PublishingProperties {
        topic = topic == null || topic.isBlank() ? Topics.BUDGET_EVENTS : topic;
        topicPartitions = topicPartitions == null ? 1 : topicPartitions;
        topicReplicas = topicReplicas == null ? 1 : topicReplicas;
        ackTimeout = ackTimeout == null ? Duration.ofSeconds(30) : ackTimeout;
    }
}
