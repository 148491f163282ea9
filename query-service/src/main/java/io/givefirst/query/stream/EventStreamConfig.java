package io.givefirst.query.stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class EventStreamConfig {

    /**
     * A batch that fails to apply (say, MongoDB is away) is retried from its first record, with backoff, for as
     * long as it takes: offsets are committed only after a batch is applied, and projections are idempotent, so
     * a retry can never lose or double an event.
     */
    @Bean
    CommonErrorHandler retryUntilApplied() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
