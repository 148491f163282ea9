package io.givefirst.events.wire;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.privacy.Sealing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an {@link EventEnvelope} into a Kafka record's headers and JSON value and back, independent of any
 * Kafka client API (headers are a plain name → bytes map) so that producers and consumers share one codec.
 */
public final class EventCodec {
    private final JsonMapper json;
    private final Sealing sealing;

    /** A codec for readers: values are read as they are, sealed or not. */
    public EventCodec() {
        this(null);
    }

    /** A codec for the producer: every personal field it writes is sealed (ADR 16). */
    public EventCodec(Sealing sealing) {
        this.json = JsonMapper.builder()
                // readers must survive fields added by a newer producer
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.sealing = sealing;
    }

    /** The record value: the payload as UTF-8 JSON, its personal fields sealed when this codec seals. */
    public byte[] value(EventEnvelope envelope) {
        if (sealing == null) {
            return json.writeValueAsBytes(envelope.payload());
        }
        ObjectNode tree = json.valueToTree(envelope.payload());
        return json.writeValueAsBytes(sealing.seal(envelope.payload().getClass(), tree));
    }

    /** The record headers in CloudEvents binary mode. */
    public Map<String, byte[]> headers(EventEnvelope envelope) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        put(headers, CloudEventHeaders.ID, envelope.id());
        put(headers, CloudEventHeaders.TYPE, envelope.type());
        put(headers, CloudEventHeaders.SOURCE, envelope.source());
        put(headers, CloudEventHeaders.TIME, envelope.occurredAt().toString());
        put(headers, CloudEventHeaders.SUBJECT, envelope.aggregateId());
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        put(headers, CloudEventHeaders.AGGREGATE_TYPE, envelope.aggregateType());
        put(headers, CloudEventHeaders.SEQUENCE, Long.toString(envelope.sequence()));
        put(headers, CloudEventHeaders.RECORDED_TIME, envelope.recordedAt().toString());
        return headers;
    }

    /**
     * Reads a record back. Empty when its type is not one this version of the contract knows (a newer
     * producer's event): such records are for newer consumers, not an error.
     *
     * @throws MalformedEventException when a known type's record is missing headers or its JSON does not fit
     */
    public Optional<EventEnvelope> decode(Map<String, byte[]> headers, byte[] value) {
        String type = required(headers, CloudEventHeaders.TYPE);
        Optional<Class<?>> eventClass = EventTypes.classOf(type);
        if (eventClass.isEmpty()) {
            return Optional.empty();
        }
        try {
            DomainEvent payload = (DomainEvent) json.readValue(value, eventClass.get());
            return Optional.of(new EventEnvelope(
                    required(headers, CloudEventHeaders.ID),
                    required(headers, CloudEventHeaders.SOURCE),
                    required(headers, CloudEventHeaders.SUBJECT),
                    required(headers, CloudEventHeaders.AGGREGATE_TYPE),
                    Long.parseLong(required(headers, CloudEventHeaders.SEQUENCE)),
                    Instant.parse(required(headers, CloudEventHeaders.RECORDED_TIME)),
                    payload));
        } catch (RuntimeException e) {
            if (e instanceof MalformedEventException malformed) {
                throw malformed;
            }
            throw new MalformedEventException("cannot read a " + type + " record: " + e.getMessage(), e);
        }
    }

    private static void put(Map<String, byte[]> headers, String name, String value) {
        headers.put(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Map<String, byte[]> headers, String name) {
        byte[] value = headers.get(name);
        if (value == null) {
            throw new MalformedEventException("record has no " + name + " header");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    /** A record that claims a known event type but cannot be read as one. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }

        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
