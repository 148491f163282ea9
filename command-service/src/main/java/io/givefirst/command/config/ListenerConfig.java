package io.givefirst.command.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** How command-service's Kafka listeners (the introduction outcomes) handle a record that fails. */
@Configuration(proxyBeanMethods = false)
class ListenerConfig {

    /**
     * Retried with back-off (0.1 s up to 10 s) for as long as it takes, never skipped: a fruitful introduction
     * must not be missed because MongoDB was away for a while. A record that can never succeed would hold its
     * partition; dead letters are issue 14.
     */
    @Bean
    CommonErrorHandler listenerErrors() {
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
