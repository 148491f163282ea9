package io.givefirst.query.stream;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * How a failed record is handled, live or rebuilding (Spring Kafka's {@link DefaultErrorHandler}; {@link EventStream}
 * names the record that failed). The records before it count as applied. A transient failure (MongoDB or Kafka away:
 * {@link Transience}) is retried from that record with back-off for as long as it takes, losing nothing. Any other
 * failure is retried {@code givefirst.dead-letters.attempts} times in all, then the record is parked in
 * {@link DeadLetters} and the partition goes on from the next one (at once for the failures Spring Kafka knows
 * cannot succeed again, such as a {@code ClassCastException}). If parking itself fails, the record is delivered
 * again.
 */
@Component
public class RetryThenPark {
    private final DeadLetters deadLetters;
    private final int attempts;
    private final Duration interval;

    RetryThenPark(DeadLetters deadLetters, @Value("${givefirst.dead-letters.attempts:3}") int attempts,
                  @Value("${givefirst.dead-letters.retry-interval:PT0.5S}") Duration interval) {
        this.deadLetters = deadLetters;
        this.attempts = attempts;
        this.interval = interval;
    }

    /**
     * A handler parking in the dead letters of a projection's generation. {@code generation} null: the live consumers'
     * handler, one for all of them (attempts are counted per consumer thread), the projection read from the group.
     */
    public DefaultErrorHandler parkingIn(String projection, Integer generation) {
        ConsumerAwareRecordRecoverer park = (record, consumer, failure) -> {
            @SuppressWarnings("unchecked")
            ConsumerRecord<String, byte[]> delivered = (ConsumerRecord<String, byte[]>) record;
            String owner = projection != null ? projection : consumer != null ? consumer.groupMetadata().groupId()
                    : org.springframework.kafka.support.KafkaUtils.getConsumerGroupId();
            deadLetters.park(owner, generation, delivered, failure);
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(park, new FixedBackOff(interval.toMillis(),
                Math.max(0, attempts - 1)));
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
