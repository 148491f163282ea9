package io.givefirst.query.stream;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class EventStreamConfig {

    /**
     * How a live consumer's failure is handled (Spring Kafka's {@link DefaultErrorHandler}; {@link EventStream}
     * names the record that failed). The records before it are committed. A transient failure (MongoDB or Kafka
     * away: {@link Transience}) is retried from that record with back-off for as long as it takes, losing nothing.
     * Any other failure is retried {@code givefirst.dead-letters.attempts} times in all, then the record is parked
     * in {@link DeadLetters} and the partition goes on from the next one (at once for the failures Spring Kafka knows
     * cannot succeed again, such as a {@code ClassCastException}). If parking itself fails, the record is delivered
     * again.
     */
    @Bean
    CommonErrorHandler retryThenPark(DeadLetters deadLetters,
                                     @Value("${givefirst.dead-letters.attempts:3}") int attempts,
                                     @Value("${givefirst.dead-letters.retry-interval:PT0.5S}") Duration interval) {
        ConsumerAwareRecordRecoverer park = (record, consumer, failure) -> {
            @SuppressWarnings("unchecked")
            ConsumerRecord<String, byte[]> delivered = (ConsumerRecord<String, byte[]>) record;
            deadLetters.park(consumer != null ? consumer.groupMetadata().groupId()
                    : org.springframework.kafka.support.KafkaUtils.getConsumerGroupId(), null, delivered, failure);
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(park,
                new FixedBackOff(interval.toMillis(), Math.max(0, attempts - 1)));
        handler.setBackOffFunction((record, failure) -> Transience.isTransient(failure) ? untilItWorks() : null);
        return handler;
    }

    private static ExponentialBackOff untilItWorks() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }
}
