package io.givefirst.command.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/** How command-service's Kafka listeners (introduction outcomes, the lookups' feed) handle a record that fails. */
@Configuration(proxyBeanMethods = false)
class ListenerConfig {
    private static final Logger log = LoggerFactory.getLogger(ListenerConfig.class);

    /**
     * MongoDB or Kafka away: retried with back-off (0.1 s up to 10 s) for as long as it takes — a fruitful
     * introduction must not be missed because MongoDB was away for a while. A record that fails for a reason of its
     * own is tried three times, then logged with where it is and counted
     * ({@code givefirst_listener_records_skipped_total{group}}), so it cannot hold its partition for ever: these
     * listeners derive from the store, which keeps the event, and the relay's dead letters hold what was never
     * published.
     */
    @Bean
    CommonErrorHandler listenerErrors(MeterRegistry meters) {
        ConsumerAwareRecordRecoverer skip = (record, consumer, failure) -> {
            String group = consumer.groupMetadata().groupId();
            Counter.builder("givefirst.listener.records.skipped").tag("group", group)
                    .description("records a command-side listener could not handle, skipped after retries")
                    .register(meters).increment();
            log.error("{} skipped {}-{}@{} after retries: {}", group, record.topic(), record.partition(),
                    record.offset(), failure.toString());
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(skip, new FixedBackOff(500, 2));
        handler.setBackOffFunction((record, failure) -> {
            if (!io.givefirst.command.relay.Transience.isTransient(failure)) {
                return null;
            }
            ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
            backOff.setMaxInterval(10_000);
            backOff.setMaxElapsedTime(Long.MAX_VALUE);
            return backOff;
        });
        return handler;
    }
}
