package io.givefirst.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.givefirst.events.wire.EventEnvelope;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.serialization.Revision;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grows the event store itself: a synthetic community's events appended to {@code domainevents} in the layout
 * command-service's event store writes (Axon's document per event, the payload as Jackson JSON, the store's
 * clock as timestamp, not yet relayed), so the relay publishes every one of them and the projections build from them as from any
 * command. The layout is taken from an event the platform stored itself, and the payload format is checked
 * against it before anything is appended.
 */
final class StoreGrowth {
    private static final DateTimeFormatter AXON_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int BATCH = 500;
    private final MongoCollection<Document> store;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Object metaData;

    StoreGrowth(MongoClient mongo) throws ClassNotFoundException {
        this.store = mongo.getDatabase("givefirst-commands").getCollection("domainevents");
        Document stored = store.find().first();
        if (stored == null) {
            throw new IllegalStateException("the store holds no event to take the layout from");
        }
        this.metaData = stored.get("serializedMetaData") instanceof String ? "{}" : new Document();
        requireSamePayloadFormat(stored);
    }

    /** A stored payload read with this mapper and written again is the same JSON: the relay will read ours. */
    private void requireSamePayloadFormat(Document stored) throws ClassNotFoundException {
        Class<?> type = Class.forName(stored.getString("payloadType"));
        JsonNode original = json.readTree(stored.getString("serializedPayload"));
        JsonNode again = json.readTree(json.writeValueAsString(json.readValue(stored.getString("serializedPayload"), type)));
        if (!original.equals(again)) {
            throw new IllegalStateException("the benchmark would not write payloads as the store does: " + original
                    + " vs " + again);
        }
    }

    /**
     * Appends {@code count} events of the community, at {@code rate} events/s at most ({@code 0}: as fast as the
     * store takes them); returns once all are in the store.
     */
    void append(SyntheticCommunity community, long count, double rate) {
        List<Document> batch = new ArrayList<>(BATCH);
        long period = rate > 0 ? (long) (1e9 * BATCH / rate) : 0;
        long[] next = {System.nanoTime()};
        community.emit(count, envelope -> {
            batch.add(document(envelope));
            if (batch.size() == BATCH) {
                LockSupport.parkNanos(next[0] - System.nanoTime());
                next[0] += period;
                store.insertMany(batch);
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            store.insertMany(batch);
        }
    }

    private Document document(EventEnvelope envelope) {
        Object payload = envelope.payload();
        Revision revision = payload.getClass().getAnnotation(Revision.class);
        return new Document("aggregateIdentifier", envelope.aggregateId())
                .append("type", envelope.aggregateType())
                .append("sequenceNumber", envelope.sequence())
                .append("serializedPayload", json.writeValueAsString(payload))
                .append("timestamp", AXON_TIMESTAMP.format(Instant.now()))
                .append("payloadType", payload.getClass().getName())
                .append("payloadRevision", revision == null ? null : revision.value())
                .append("serializedMetaData", metaData)
                .append("eventIdentifier", envelope.id())
                .append("relayed", false);
    }
}
