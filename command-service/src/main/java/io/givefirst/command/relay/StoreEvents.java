package io.givefirst.command.relay;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.givefirst.command.privacy.SealingSerializer;
import io.givefirst.events.privacy.Sealing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The event store's documents as the relay, the store copy and the audit read them: in the order of the store's
 * unique (aggregate, sequence) index, turned into event messages through the store's own serializer and
 * upcasters, so every reader sees what an aggregate would — but with personal values still sealed.
 */
@Component
public class StoreEvents {
    public static final String AGGREGATE = "aggregateIdentifier";
    public static final String SEQUENCE = "sequenceNumber";
    static final String TIMESTAMP = "timestamp";
    private static final Bson PUBLISH_ORDER = Sorts.ascending(AGGREGATE, SEQUENCE);
    /** How axon-mongo writes a timestamp: compared as text, so the same width. */
    private static final java.time.format.DateTimeFormatter STORED_TIMESTAMP = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final MongoCollection<Document> events;
    private final Configuration axon;
    private final Sealing sealing;

    StoreEvents(MongoDatabase commandDatabase, Configuration axon, Sealing sealing) {
        this.events = commandDatabase.getCollection("domainevents");
        this.axon = axon;
        this.sealing = sealing;
    }

    /** The first {@code limit} events not yet relayed, by aggregate then sequence. */
    List<Document> unrelayed(int limit) {
        return events.find(eq(RelayStorageStrategy.RELAYED, false)).sort(PUBLISH_ORDER).limit(limit)
                .into(new ArrayList<>());
    }

    /** Up to {@code limit} events after ({@code aggregate}, {@code sequence}) in the store's key order; all from the start when null. */
    public List<Document> after(String aggregate, long sequence, int limit) {
        // the bound on the aggregate alone lets the index start there; the $or settles the rest of that aggregate
        Bson from = aggregate == null ? new Document() : and(gte(AGGREGATE, aggregate),
                or(gt(AGGREGATE, aggregate), and(eq(AGGREGATE, aggregate), gt(SEQUENCE, sequence))));
        return events.find(from).sort(PUBLISH_ORDER).limit(limit).into(new ArrayList<>());
    }

    /** Events stored with a timestamp from {@code since} on: their ids and keys only. */
    List<Document> storedSince(Instant since) {
        return events.find(gte(TIMESTAMP, STORED_TIMESTAMP.format(since)))
                .projection(Projections.include(AGGREGATE, SEQUENCE, TIMESTAMP)).into(new ArrayList<>());
    }

    void markRelayed(List<Object> ids) {
        if (!ids.isEmpty()) {
            events.updateMany(in("_id", ids), Updates.set(RelayStorageStrategy.RELAYED, true));
        }
    }

    /** Puts events back on the relay's list (an audit found them missing on the topic); parked ones stay parked. */
    void markUnrelayed(List<Object> ids) {
        if (!ids.isEmpty()) {
            events.updateMany(and(in("_id", ids), eq(RelayStorageStrategy.RELAYED, true)),
                    Updates.set(RelayStorageStrategy.RELAYED, false));
        }
    }

    /** Takes events off the relay's list: they wait in {@link RelayDeadLetters}. */
    void markParked(List<Object> ids) {
        if (!ids.isEmpty()) {
            events.updateMany(in("_id", ids), Updates.set(RelayStorageStrategy.RELAYED, RelayDeadLetters.PARKED));
        }
    }

    /** The stored event of an aggregate at a sequence number (the store's unique key), or null. */
    Document find(String aggregate, long sequence) {
        return events.find(and(eq(AGGREGATE, aggregate), eq(SEQUENCE, sequence))).limit(1).first();
    }

    /** When the oldest event still to be relayed was stored, by its writer's clock. */
    Optional<Instant> oldestUnrelayed() {
        Document oldest = events.find(eq(RelayStorageStrategy.RELAYED, false)).sort(Sorts.ascending(TIMESTAMP))
                .projection(Projections.include(TIMESTAMP)).limit(1).first();
        return Optional.ofNullable(oldest).map(d -> Instant.parse(d.getString(TIMESTAMP)));
    }

    /**
     * The documents as event messages, upcast to the current revisions with their personal values as stored: sealed
     * values stay sealed — the relay and the copy pass them on unchanged (ADR 16) and open nothing only to seal it
     * again; the lookups' repair reads no personal value. Plaintext stored before sealing existed stays plaintext
     * here; the keys to seal it on the way out are loaded with one query for the batch.
     */
    public List<DomainEventMessage<?>> messages(List<Document> documents) {
        EventEntryConfiguration layout = EventEntryConfiguration.getDefault();
        Stream<EventEntry> entries = documents.stream().map(document -> new EventEntry(document, layout));
        List<DomainEventMessage<?>> messages = EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(
                        entries, SealingSerializer.withoutOpening(axon.eventSerializer()), axon.upcasterChain()))
                .<DomainEventMessage<?>>map(message -> message).toList();
        sealing.prefetchOwnersOf(messages.stream().map(DomainEventMessage::getPayload).toList());
        return messages;
    }
}
