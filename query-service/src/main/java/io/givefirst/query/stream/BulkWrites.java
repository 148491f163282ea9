package io.givefirst.query.stream;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
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
 * {@code $addToSet}, {@code $min}/{@code $max}, and writes guarded by the event's sequence number
 * ({@link #upsertIfNewer}). Every filter starts with the {@code _id}, which every MongoDB-wire server answers from
 * its primary index.
 *
 * <p>Updates of the same document within a batch are merged into one ({@link UpdateMerge}) where their operators
 * allow it, so a member touched by 40 events of a batch is rewritten once, not 40 times.
 */
public final class BulkWrites {
    /** Every document write of every projection, live or rebuilding: {@code givefirst_projection_writes_total}. */
    private static final Counter WRITES = Metrics.counter("givefirst.projection.writes");
    private static final int DUPLICATE_KEY = 11000;
    private final Map<MongoCollection<Document>, Map<String, List<BsonDocument>>> pending = new LinkedHashMap<>();
    private final Map<MongoCollection<Document>, Map<String, Guarded>> guarded = new LinkedHashMap<>();

    /** A write that only an event newer than the one that wrote the document last may make. */
    private record Guarded(String id, String guard, long sequence, Bson update) {
        UpdateOneModel<Document> model() {
            return new UpdateOneModel<>(Filters.and(Filters.eq("_id", id),
                    Filters.or(Filters.lt(guard, sequence), Filters.exists(guard, false))),
                    Updates.combine(update, Updates.set(guard, sequence)), new UpdateOptions().upsert(true));
        }
    }

    /** Upserts the document {@code id} with these updates. */
    public void upsert(MongoCollection<Document> collection, String id, Bson... updates) {
        BsonDocument update = Updates.combine(updates).toBsonDocument(BsonDocument.class, collection.getCodecRegistry());
        List<BsonDocument> forId = pending.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                .computeIfAbsent(id, i -> new ArrayList<>());
        if (forId.isEmpty() || !UpdateMerge.into(forId.get(forId.size() - 1), update)) {
            forId.add(update.clone());
        }
    }

    /**
     * Upserts the document {@code id} with these updates unless an event of a later {@code sequence} of the same
     * aggregate wrote them already; the field {@code guard} keeps that sequence. Of several in one batch, only the
     * newest is sent. Replaces what an older event wrote instead of keeping every version side by side, so the
     * document stays the size of one version however often it changes.
     */
    public void upsertIfNewer(MongoCollection<Document> collection, String id, String guard, long sequence,
                              Bson... updates) {
        guarded.computeIfAbsent(collection, c -> new LinkedHashMap<>()).merge(id + "\u0000" + guard,
                new Guarded(id, guard, sequence, Updates.combine(updates)),
                (before, now) -> now.sequence() > before.sequence() ? now : before);
    }

    /** Sends everything collected: one round trip per collection. */
    public void flush() {
        pending.forEach((collection, byId) -> {
            List<WriteModel<Document>> writes = new ArrayList<>();
            byId.forEach((id, updates) -> updates.forEach(update ->
                    writes.add(new UpdateOneModel<>(Filters.eq("_id", id), update, new UpdateOptions().upsert(true)))));
            write(collection, writes, List.of());
        });
        pending.clear();
        guarded.forEach((collection, writes) -> write(collection, List.of(),
                writes.values().stream().map(Guarded::model).toList()));
        guarded.clear();
    }

    /**
     * A guarded upsert that matched nothing collides with the existing {@code _id}: a newer event wrote the
     * document — or another writer created it at that moment, so each such write is tried once more on its own.
     */
    private static void write(MongoCollection<Document> collection, List<WriteModel<Document>> plain,
                              List<UpdateOneModel<Document>> guardedWrites) {
        List<WriteModel<Document>> writes = new ArrayList<>(plain);
        writes.addAll(guardedWrites);
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<UpdateOneModel<Document>> again = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY || error.getIndex() < plain.size()) {
                    throw e;
                }
                again.add(guardedWrites.get(error.getIndex() - plain.size()));
            }
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            for (UpdateOneModel<Document> write : again) {
                try {
                    collection.updateOne(write.getFilter(), write.getUpdate(), write.getOptions());
                } catch (com.mongodb.MongoWriteException collided) {
                    if (collided.getError().getCode() != DUPLICATE_KEY) {
                        throw collided;
                    }
                }
            }
        }
        WRITES.increment(writes.size());
    }
}
