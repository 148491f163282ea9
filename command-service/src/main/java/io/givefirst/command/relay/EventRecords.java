package io.givefirst.command.relay;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.privacy.Sealing;
import io.givefirst.events.wire.EventCodec;
import io.givefirst.events.wire.EventEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

/**
 * A stored event as a Kafka record of the analysts' contract: key = aggregate id, JSON value with its personal data
 * sealed (ADR 16), CloudEvents headers.
 */
@Component
class EventRecords {
    private final EventCodec codec;
    private final RelayProperties properties;

    EventRecords(RelayProperties properties, Sealing sealing) {
        this.properties = properties;
        this.codec = new EventCodec(sealing);
    }

    ProducerRecord<String, byte[]> toRecord(String topic, DomainEventMessage<?> message) {
        EventEnvelope envelope = new EventEnvelope(message.getIdentifier(), properties.source(),
                message.getAggregateIdentifier(), message.getType(), message.getSequenceNumber(),
                message.getTimestamp(), (DomainEvent) message.getPayload());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null,
                message.getTimestamp().toEpochMilli(), envelope.aggregateId(), codec.value(envelope));
        codec.headers(envelope).forEach((name, value) -> record.headers().add(new RecordHeader(name, value)));
        return record;
    }
}
