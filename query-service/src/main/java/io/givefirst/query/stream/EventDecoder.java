package io.givefirst.query.stream;

import io.givefirst.events.wire.CloudEventHeaders;
import io.givefirst.events.wire.EventCodec;
import io.givefirst.events.wire.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

/**
 * Reads Kafka records of {@code givefirst.events} into envelopes. A record of a type this version does not know
 * (a newer command-service shipped first) is passed over and counted per type and projection
 * ({@link UnknownTypes}), so the read models it would have changed can be rebuilt once this version learns it.
 * A record that claims a known type but cannot be read fails at its index ({@link RecordFailure}): it becomes a
 * dead letter rather than a silent hole.
 */
@Component
public class EventDecoder {
    private final EventCodec codec = new EventCodec();
    private final UnknownTypes unknownTypes;

    public EventDecoder(UnknownTypes unknownTypes) {
        this.unknownTypes = unknownTypes;
    }

    /** The events of a poll, each with the index of its record in the poll. */
    public record Decoded(List<EventEnvelope> events, List<Integer> indexes) {
    }

    /**
     * @throws RecordFailure at the first record that claims a known type but cannot be read
     */
    public Decoded decode(String projection, List<ConsumerRecord<String, byte[]>> records) {
        List<EventEnvelope> events = new ArrayList<>(records.size());
        List<Integer> indexes = new ArrayList<>(records.size());
        Map<String, Integer> unknown = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, byte[]> headers = headers(records.get(i));
            Optional<EventEnvelope> event;
            try {
                event = codec.decode(headers, records.get(i).value());
            } catch (EventCodec.MalformedEventException e) {
                throw new RecordFailure(projection, i, e);
            }
            if (event.isPresent()) {
                events.add(event.get());
                indexes.add(i);
            } else {
                unknown.merge(new String(headers.get(CloudEventHeaders.TYPE), StandardCharsets.UTF_8), 1, Integer::sum);
            }
        }
        if (!unknown.isEmpty()) {
            unknownTypes.seen(projection, unknown);
        }
        return new Decoded(events, indexes);
    }

    private static Map<String, byte[]> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }
}
