package io.givefirst.query.stream;

import com.mongodb.MongoBulkWriteException;
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
 * {@code $addToSet}, {@code $min}/{@code $max}, and upserts guarded by an aggregate sequence.
 */
public final class BulkWrites {
    private static final int DUPLICATE_KEY = 11000;
    private final Map<MongoCollection<Document>, List<WriteModel<Document>>> plain = new LinkedHashMap<>();
    private final Map<MongoCollection<Document>, List<WriteModel<Document>>> guarded = new LinkedHashMap<>();

    /** Upserts the document {@code id} with these updates. */
    public void upsert(MongoCollection<Document> collection, String id, Bson... updates) {
        plain.computeIfAbsent(collection, c -> new ArrayList<>()).add(new UpdateOneModel<>(Filters.eq("_id", id),
                Updates.combine(updates), new UpdateOptions().upsert(true)));
    }

    /**
     * Upserts {@code id} unless a later event of the same aggregate (higher sequence in {@code versionField})
     * already wrote it. When the guard fails the upsert collides on _id; that duplicate-key error means
     * "already newer" and is ignored.
     */
    public void upsertIfNewer(MongoCollection<Document> collection, String id, String versionField, long sequence,
                              Bson... updates) {
        Bson newer = Filters.or(Filters.exists(versionField, false), Filters.lt(versionField, sequence));
        List<Bson> all = new ArrayList<>(List.of(updates));
        all.add(Updates.set(versionField, sequence));
        guarded.computeIfAbsent(collection, c -> new ArrayList<>()).add(new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", id), newer), Updates.combine(all), new UpdateOptions().upsert(true)));
    }

    /** Sends everything collected: one round trip per collection. */
    public void flush() {
        guarded.forEach((collection, writes) -> write(collection, writes, true));
        plain.forEach((collection, writes) -> write(collection, writes, false));
        guarded.clear();
        plain.clear();
    }

    private static void write(MongoCollection<Document> collection, List<WriteModel<Document>> writes,
                              boolean staleIsFine) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyStale = staleIsFine && e.getWriteConcernError() == null
                    && e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY);
            if (!onlyStale) {
                throw e;
            }
        }
    }
}
