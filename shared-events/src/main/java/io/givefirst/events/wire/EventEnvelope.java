package io.givefirst.events.wire;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.Require;
import java.time.Instant;

/**
 * One event as it travels on Kafka: the payload record plus the CloudEvents attributes that the
 * headers carry.
 *
 * @param id            the event's unique id; consumers dedupe on it
 * @param source        which producer published it, e.g. {@code /givefirst/command-service}
 * @param aggregateId   the subject and record key
 * @param aggregateType e.g. {@code Help}
 * @param sequence      position within the aggregate's stream, from 0
 * @param recordedAt    when it was stored
 * @param payload       the event record
 */
public record EventEnvelope(String id, String source, String aggregateId, String aggregateType, long sequence,
                            Instant recordedAt, DomainEvent payload) {
    public EventEnvelope {
        Require.id(id, "id");
        Require.text(source, "source");
        Require.id(aggregateId, "aggregateId");
        Require.text(aggregateType, "aggregateType");
        Require.present(recordedAt, "recordedAt");
        Require.present(payload, "payload");
    }

    /** When the act happened in the world. */
    public Instant occurredAt() {
        return payload.occurredAt();
    }

    /** The versioned CloudEvents type of the payload. */
    public String type() {
        return EventTypes.typeOf(payload.getClass());
    }
}
