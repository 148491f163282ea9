package io.givefirst.query.stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The writes of one batch of events, sent as one unordered bulk write per collection. Projections only use
 * writes that are safe to repeat and to reorder: upserts by natural id that set fields their event owns,
 * {@code $addToSet}, {@code $min}/{@code $max}. Every filter is the {@code _id} alone, which every
 * MongoDB-wire server answers from its primary index.
 *
 * <p>Updates of the same document within a batch are merged into one ({@link UpdateMerge}) where their operators
 * allow it, so a member touched by 40 events of a batch is rewritten once, not 40 times.
 */
public final class BulkWrites {
    /** Every document write of every projection, live or rebuilding: {@code givefirst_projection_writes_total}. */
    private static final Counter WRITES = Metrics.counter("givefirst.projection.writes");
    private final Map<MongoCollection<Document>, Map<String, List<BsonDocument>>> pending = new LinkedHashMap<>();

    /** Upserts the document {@code id} with these updates. */
    public void upsert(MongoCollection<Document> collection, String id, Bson... updates) {
        BsonDocument update = Updates.combine(updates).toBsonDocument(BsonDocument.class, collection.getCodecRegistry());
        List<BsonDocument> forId = pending.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                .computeIfAbsent(id, i -> new ArrayList<>());
        if (forId.isEmpty() || !UpdateMerge.into(forId.get(forId.size() - 1), update)) {
            forId.add(update.clone());
        }
    }

    /** Sends everything collected: one round trip per collection. */
    public void flush() {
        pending.forEach(BulkWrites::write);
        pending.clear();
    }

    private static void write(MongoCollection<Document> collection, Map<String, List<BsonDocument>> byId) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        byId.forEach((id, updates) -> updates.forEach(update ->
                writes.add(new UpdateOneModel<>(Filters.eq("_id", id), update, new UpdateOptions().upsert(true)))));
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            WRITES.increment(writes.size());
        }
    }
}
