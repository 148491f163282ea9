package io.givefirst.command.config;

import io.givefirst.command.consistency.WrittenPositions;
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

    /**
     * Axon's gateway, retrying commands that lost a concurrency race (see {@link ConflictRetry}) and tagging each with
     * the HTTP request it serves, for the request's {@code Consistency-Token} ({@link WrittenPositions}).
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ConflictRetry conflictRetry, WrittenPositions written) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(conflictRetry)
                .dispatchInterceptors(written).build();
    }
}
