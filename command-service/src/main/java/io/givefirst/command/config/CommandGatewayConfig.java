package io.givefirst.command.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandGatewayConfig {

    @Bean(destroyMethod = "shutdown")
    ConflictRetry conflictRetry() {
        return new ConflictRetry();
    }

    /** Axon's gateway, retrying commands that lost a concurrency race (see {@link ConflictRetry}). */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ConflictRetry conflictRetry) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(conflictRetry).build();
    }
}
