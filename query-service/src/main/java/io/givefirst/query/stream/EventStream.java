package io.givefirst.query.stream;

import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/** What every projection's Kafka listener does with a poll: decode, apply in one bulk write, record the lag. */
@Component
public class EventStream {
    private final EventDecoder decoder;
    private final ProjectionLag lag;

    public EventStream(EventDecoder decoder, ProjectionLag lag) {
        this.decoder = decoder;
        this.lag = lag;
    }

    public void deliver(Projection projection, List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        projection.apply(decoder.decode(records));
        lag.record(projection.name(), consumer);
    }

    public void track(Projection projection) {
        lag.track(projection.name());
    }
}
