package io.givefirst.query.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Each projection's lag behind the head of the stream, in events, as {@code givefirst_projection_lag_events}
 * (tagged by projection): the sum over its assigned partitions of (log end offset − position), taken after
 * every applied batch.
 */
@Component
public class ProjectionLag {
    private final MeterRegistry meters;
    private final Map<String, Map<TopicPartition, Long>> lagByProjection = new ConcurrentHashMap<>();

    public ProjectionLag(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Publishes the projection's gauge (0 until its first batch). */
    public void track(String projection) {
        lagByProjection.computeIfAbsent(projection, this::register);
    }

    public void record(String projection, Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> lags = lagByProjection.computeIfAbsent(projection, this::register);
        lags.keySet().retainAll(consumer.assignment());
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent()) {
                lags.put(partition, lag.getAsLong());
            }
        }
    }

    public long lag(String projection) {
        return lagByProjection.getOrDefault(projection, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<TopicPartition, Long> register(String projection) {
        Gauge.builder("givefirst.projection.lag.events", () -> lag(projection))
                .tag("projection", projection)
                .description("events on the stream not yet applied to this read model")
                .register(meters);
        return new ConcurrentHashMap<>();
    }
}
