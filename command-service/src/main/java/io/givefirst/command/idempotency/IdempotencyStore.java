package io.givefirst.command.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys and the first response given for each, in {@code idempotency_keys}. A key is claimed by
 * inserting its document: the unique {@code _id} (member + key) lets exactly one request win. Documents
 * expire after {@link #RETENTION} (a TTL index; MongoDB removes them in the background).
 */
@Component
class IdempotencyStore {
    static final Duration RETENTION = Duration.ofHours(48);

    /** What a key holds: the request it was first used for and, once answered, the answer. */
    record Record(String fingerprint, boolean done, int status, String contentType, String location, byte[] body) {
    }

    private final MongoCollection<Document> keys;
    private final Clock clock;

    IdempotencyStore(MongoDatabase commandDatabase, Clock clock) {
        this.keys = commandDatabase.getCollection("idempotency_keys");
        this.clock = clock;
        keys.createIndex(Indexes.ascending("createdAt"),
                new IndexOptions().expireAfter(RETENTION.toSeconds(), TimeUnit.SECONDS));
    }

    /** Claims the key for this request; empty when it was claimed before, else the earlier record. */
    Optional<Record> claim(String id, String fingerprint) {
        try {
            keys.insertOne(new Document("_id", id).append("fingerprint", fingerprint).append("done", false)
                    .append("createdAt", Date.from(clock.instant())));
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document existing = keys.find(Filters.eq("_id", id)).first();
            if (existing == null) {
                // expired or released between the insert and the read: claim again
                return claim(id, fingerprint);
            }
            return Optional.of(toRecord(existing));
        }
    }

    void complete(String id, int status, String contentType, String location, byte[] body) {
        keys.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("done", true), Updates.set("status", status),
                Updates.set("contentType", contentType), Updates.set("location", location),
                Updates.set("body", new Binary(body))));
    }

    /** Forgets a claim whose request failed without an answer worth repeating, so that a retry runs again. */
    void release(String id) {
        keys.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("done", false)));
    }

    private static Record toRecord(Document d) {
        Binary body = d.get("body", Binary.class);
        return new Record(d.getString("fingerprint"), Boolean.TRUE.equals(d.getBoolean("done")),
                d.getInteger("status", 0), d.getString("contentType"), d.getString("location"),
                body == null ? new byte[0] : body.getData());
    }
}
