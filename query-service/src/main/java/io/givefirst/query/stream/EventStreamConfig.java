package io.givefirst.query.stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;

@Configuration(proxyBeanMethods = false)
class EventStreamConfig {

    /** The live consumers' error handling ({@link RetryThenPark}): each projection's consumer group is its name. */
    @Bean
    CommonErrorHandler liveErrorHandler(RetryThenPark retryThenPark) {
        return retryThenPark.parkingIn(null, null);
    }
}
