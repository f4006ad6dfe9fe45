package io.budgetmonitor.command.registers;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's default listener error handler only logs: a failed register write would be skipped while
 * the event is committed. Propagating turns it into a failed (and rolled back) command.
 */
@Configuration(proxyBeanMethods = false)
public class RegistersConfiguration {

    @Bean
    public ConfigurerModule registersPropagateErrors() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        RegisterUpdater.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
