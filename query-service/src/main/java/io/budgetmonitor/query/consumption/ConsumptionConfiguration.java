package io.budgetmonitor.query.consumption;

import io.budgetmonitor.consumer.EventConsumerConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The shared exactly-once consumer, with {@link ReadModelProjection} as this service's projection. */
@Configuration(proxyBeanMethods = false)
@Import(EventConsumerConfiguration.class)
class ConsumptionConfiguration {}
