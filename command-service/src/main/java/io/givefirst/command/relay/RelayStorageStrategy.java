package io.givefirst.command.relay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * axon-mongo's document per event, stored unrelayed: every event document is written with
 * {@code relayed: false}, in the same insert as the event, and the relay sets it when Kafka has the event
 * (ADR 12). What is left to publish is then an index range, whatever the clocks of the writers.
 */
public final class RelayStorageStrategy extends DocumentPerEventStorageStrategy {
    static final String RELAYED = "relayed";
    /** Unrelayed events in the order they are published: by aggregate, then sequence. */
    static final String PUBLISH_ORDER_INDEX = "unrelayedByAggregate";
    /** Unrelayed events by age: the relay's lag. */
    static final String AGE_INDEX = "unrelayedByTimestamp";

    @Override
    protected Stream<Document> createEventDocuments(List<? extends EventMessage<?>> events, Serializer serializer) {
        return super.createEventDocuments(events, serializer).map(document -> document.append(RELAYED, false));
    }

    @Override
    public void ensureIndexes(MongoCollection<Document> events, MongoCollection<Document> snapshots) {
        super.ensureIndexes(events, snapshots);
        events.createIndex(Indexes.ascending(RELAYED, StoreEvents.AGGREGATE, StoreEvents.SEQUENCE),
                new IndexOptions().name(PUBLISH_ORDER_INDEX));
        events.createIndex(Indexes.ascending(RELAYED, StoreEvents.TIMESTAMP), new IndexOptions().name(AGE_INDEX));
    }
}
