package io.givefirst.query.stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The writes of one batch of events, sent as one unordered bulk write per collection. Projections only use
 * writes that are safe to repeat and to reorder: upserts by natural id that set fields their event owns,
 * {@code $addToSet}, {@code $min}/{@code $max}. Every filter is the {@code _id} alone, which every
 * MongoDB-wire server answers from its primary index.
 */
public final class BulkWrites {
    private final Map<MongoCollection<Document>, List<WriteModel<Document>>> plain = new LinkedHashMap<>();

    /** Upserts the document {@code id} with these updates. */
    public void upsert(MongoCollection<Document> collection, String id, Bson... updates) {
        plain.computeIfAbsent(collection, c -> new ArrayList<>()).add(new UpdateOneModel<>(Filters.eq("_id", id),
                Updates.combine(updates), new UpdateOptions().upsert(true)));
    }

    /** Sends everything collected: one round trip per collection. */
    public void flush() {
        plain.forEach(BulkWrites::write);
        plain.clear();
    }

    private static void write(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }
}
