package io.givefirst.query.stream;

import io.givefirst.events.wire.EventCodec;
import io.givefirst.events.wire.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads Kafka records of {@code givefirst.events} into envelopes. Types this version does not know (from a
 * newer producer) are passed over; a record that claims a known type but cannot be read is logged and counted
 * ({@code givefirst_projection_malformed_total}) rather than blocking every event behind it.
 */
@Component
public class EventDecoder {
    private static final Logger log = LoggerFactory.getLogger(EventDecoder.class);
    private final EventCodec codec = new EventCodec();
    private final Counter malformed;

    public EventDecoder(MeterRegistry meters) {
        this.malformed = Counter.builder("givefirst.projection.malformed")
                .description("records of a known type that could not be read").register(meters);
    }

    public List<EventEnvelope> decode(List<ConsumerRecord<String, byte[]>> records) {
        List<EventEnvelope> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            decode(record).ifPresent(events::add);
        }
        return events;
    }

    private Optional<EventEnvelope> decode(ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        try {
            return codec.decode(headers, record.value());
        } catch (EventCodec.MalformedEventException e) {
            malformed.increment();
            log.error("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
