package io.budgetmonitor.scoring;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.budgetmonitor.api.values.LocalityClock;
import io.budgetmonitor.scoring.evaluation.ScoringEngine;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans with no better home: the clock (injectable for projections and tests), the engine, JSON. */
@Configuration
public class ScoringConfiguration {

    /**
     * "Today" in the locality's zone (budget-api's {@link LocalityClock}, the same property and default
     * as query-service): the monitoring report's and the projection's default date is the date in
     * Shanghai, not UTC's.
     */
    @Bean
    Clock clock(@Value("${" + LocalityClock.ZONE_PROPERTY + ":" + LocalityClock.DEFAULT_ZONE + "}") String zone) {
        return LocalityClock.system(zone);
    }

    @Bean
    ScoringEngine scoringEngine() {
        return new ScoringEngine();
    }

    /** The contract's JSON dialect (BudgetJson): exact decimals written plainly, tolerant readers. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer budgetJson() {
        return builder -> builder.featuresToEnable(
                        JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN,
                        DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .featuresToDisable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
