package io.givefirst.command.config;

import io.givefirst.events.wire.CloudEventHeaders;
import io.givefirst.events.wire.EventCodec;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.events.wire.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The lookups (member and introduction directories) are written in the unit of work that stores the events; a
 * write that fails there (MongoDB away after the append, an instance that dies in between) would leave, say, a
 * member who joined but is answered {@code unknown-member} for ever. This consumer group applies the same events
 * from the topic — every stored event is relayed (ADR 12) — through the same handlers, so the lookups converge on
 * what the store holds within moments, and after a restart catch up on what was published meanwhile. The writes are
 * guarded by sequence numbers ({@link LookupWrites}): applying an event twice, or late, changes nothing.
 */
@Component
class DirectoryFeed {
    static final String GROUP = "command-directories";
    private final EventCodec codec = new EventCodec();
    private final DirectoryHandlers lookups;

    DirectoryFeed(DirectoryHandlers lookups) {
        this.lookups = lookups;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = "${givefirst.relay.topic}")
    void on(ConsumerRecord<String, byte[]> record) throws Exception {
        Optional<EventEnvelope> event = decodeIfLookedUp(record);
        if (event.isEmpty()) {
            return;
        }
        EventEnvelope e = event.get();
        lookups.apply(new GenericDomainEventMessage<>(e.aggregateType(), e.aggregateId(), e.sequence(), e.payload()));
    }

    /** Only the types some lookup handles are parsed at all. */
    private Optional<EventEnvelope> decodeIfLookedUp(ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        byte[] type = headers.get(CloudEventHeaders.TYPE);
        Optional<Class<?>> payload = type == null ? Optional.empty()
                : EventTypes.classOf(new String(type, StandardCharsets.UTF_8));
        if (payload.isEmpty() || !lookups.handles(payload.get())) {
            return Optional.empty();
        }
        return codec.decode(headers, record.value());
    }
}
