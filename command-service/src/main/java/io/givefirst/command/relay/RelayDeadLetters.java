package io.givefirst.command.relay;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stored events the relay cannot publish for a reason of their own — a payload this version cannot read, a record
 * Kafka refuses for good — parked in Axon's sequenced dead-letter queue in MongoDB ({@code relay_dead_letters},
 * axon-mongo), one sequence per aggregate: the later events of that aggregate are parked behind it, so an
 * aggregate's events reach the topic in order or not at all, while every other aggregate's flow. The stored event
 * is marked {@code relayed: "parked"} (the relay's list is {@code relayed: false}); the letter names it by its
 * aggregate and sequence number. A retry reads the stored event again — a fix may be a new version that can read
 * it — publishes each parked event of a sequence in order and stops at the first that still fails.
 */
@Component
class RelayDeadLetters {
    static final String PARKED = "parked";
    private static final Logger log = LoggerFactory.getLogger(RelayDeadLetters.class);
    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final Counter parkings;

    /** What a letter carries: which stored event (the store keeps the event itself). */
    record ParkedEvent(String eventIdentifier, String payloadType) {
    }

    /** A parked event, as admins see it. */
    record Parked(String aggregateId, long sequence, String eventIdentifier, String payloadType, String cause,
                  Instant parkedAt) {
    }

    /** A stored event publishes, or says why not. */
    interface Publisher {
        void publish(String aggregateId, long sequence) throws Exception;
    }

    RelayDeadLetters(MongoClient client, @Value("${givefirst.mongodb.database}") String database,
                     @Qualifier("eventSerializer") Serializer serializer, MeterRegistry meters) {
        this.queue = MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup("relay")
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, database)
                        .deadLetterCollectionName("relay_dead_letters").build())
                .serializer(serializer)
                .maxSequences(100_000)
                .maxSequenceSize(100_000)
                .build();
        this.parkings = Counter.builder("givefirst.relay.dead.letters.parked")
                .description("stored events the relay parked instead of publishing").register(meters);
        Gauge.builder("givefirst.relay.dead.letters", queue, q -> q.size())
                .description("stored events parked by the relay now").register(meters);
    }

    boolean anyParked() {
        return queue.size() > 0;
    }

    boolean isParked(String aggregateId) {
        return queue.contains(aggregateId);
    }

    /**
     * Parks a stored event at the end of its aggregate's sequence, unless it is parked already: parking is two
     * writes (this queue, then the store's mark), and an instance that died between them leaves the event on the
     * relay's list to be parked again.
     */
    void park(Document stored, Throwable cause) {
        String aggregateId = stored.getString(StoreEvents.AGGREGATE);
        long sequence = ((Number) stored.get(StoreEvents.SEQUENCE)).longValue();
        if (holds(aggregateId, sequence)) {
            return;
        }
        DomainEventMessage<ParkedEvent> message = new GenericDomainEventMessage<>(stored.getString("type"),
                aggregateId, sequence,
                new ParkedEvent(stored.getString("eventIdentifier"), stored.getString("payloadType")));
        queue.enqueue(aggregateId, new GenericDeadLetter<>(aggregateId, message, cause));
        parkings.increment();
        log.error("relay: parked {}#{} ({}): {}", aggregateId, message.getSequenceNumber(),
                stored.getString("payloadType"), cause.toString());
    }

    private boolean holds(String aggregateId, long sequence) {
        if (!queue.contains(aggregateId)) {
            return false;
        }
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(aggregateId)) {
            if (((DomainEventMessage<?>) letter.message()).getSequenceNumber() == sequence) {
                return true;
            }
        }
        return false;
    }

    List<Parked> parked() {
        List<Parked> parked = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                DomainEventMessage<?> message = (DomainEventMessage<?>) letter.message();
                ParkedEvent event = (ParkedEvent) message.getPayload();
                parked.add(new Parked(message.getAggregateIdentifier(), message.getSequenceNumber(),
                        event.eventIdentifier(), event.payloadType(),
                        letter.cause().map(Cause::message).orElse(null), letter.enqueuedAt()));
            }
        }
        return parked;
    }

    /**
     * Tries every parked sequence once, each in order, stopping a sequence at its first event that still fails
     * (it stays parked with the new cause). How many events were published.
     */
    int retry(Publisher publisher) {
        int published = 0;
        long sequences = queue.amountOfSequences();
        for (long i = 0; i < sequences; i++) {
            int[] count = {0};
            queue.process(letter -> {
                DomainEventMessage<?> message = (DomainEventMessage<?>) letter.message();
                try {
                    publisher.publish(message.getAggregateIdentifier(), message.getSequenceNumber());
                    count[0]++;
                    return Decisions.evict();
                } catch (Exception stillFailing) {
                    return Decisions.requeue(stillFailing);
                }
            });
            published += count[0];
        }
        return published;
    }
}
