package io.givefirst.query.stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.givefirst.events.wire.EventEnvelope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * How far a read model has applied each aggregate: one document per aggregate ({@code _id} the aggregate id,
 * {@code sequence} the highest sequence number applied), in a collection of the projection's own
 * ({@code <projection>_applied}), so a rebuild writes its generation's and a swap makes them live with the rest.
 * Written with {@code $max} after the events themselves, so redelivery and reordering leave it right and it never
 * runs ahead of the read model. What a {@code Consistency-Token} is checked against, by every instance alike.
 */
public final class AppliedPositions {
    static final String SEQUENCE = "sequence";

    private AppliedPositions() {
    }

    public static String collectionOf(String projection) {
        return projection + "_applied";
    }

    /** One upsert per aggregate of the batch, in one bulk write. */
    static void record(MongoCollection<Document> applied, List<EventEnvelope> events) {
        Map<String, Long> highest = new HashMap<>();
        for (EventEnvelope event : events) {
            highest.merge(event.aggregateId(), event.sequence(), Math::max);
        }
        BulkWrites writes = new BulkWrites();
        highest.forEach((aggregate, sequence) -> writes.upsert(applied, aggregate, Updates.max(SEQUENCE, sequence)));
        writes.flush();
    }

    /** Whether every aggregate has been applied at least up to its sequence number: one read by {@code _id}. */
    public static boolean reached(MongoCollection<Document> applied, Map<String, Long> positions) {
        Map<String, Long> seen = new HashMap<>();
        applied.find(Filters.in("_id", positions.keySet())).projection(Projections.include(SEQUENCE))
                .forEach(d -> seen.put(d.getString("_id"), ((Number) d.get(SEQUENCE)).longValue()));
        return positions.entrySet().stream().allMatch(p -> seen.getOrDefault(p.getKey(), -1L) >= p.getValue());
    }
}
