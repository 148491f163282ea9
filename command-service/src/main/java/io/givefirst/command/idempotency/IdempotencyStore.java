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
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys and the first response given for each, in {@code idempotency_keys}. A key is claimed by
 * inserting its document: the unique {@code _id} (member + key) lets exactly one request win. A key is never
 * released: a request whose outcome is unknown, or whose instance died while it ran, may run again under it with
 * the same request only. A key expires {@link #RETENTION} after its first claim: the code claims it afresh from then
 * on, and a TTL index lets MongoDB remove the document in the background. The records a request starts take ids
 * derived from the key and the time of its first claim ({@link NewRecordIds}), so a key used again after it expired
 * names new records rather than landing on the old ones.
 *
 * <p>Each claim names the instance that runs it. That instance knows which of its claims are still running, so a
 * retry that reaches it takes over a claim it no longer runs at once — say one whose answer could not be written
 * because MongoDB went away mid-request; a claim of another instance is taken for abandoned after
 * {@link #ABANDONED}.
 */
@Component
class IdempotencyStore {
    static final Duration RETENTION = Duration.ofHours(48);
    /** A claim still running after this long is taken for one whose instance died (no request lasts this long). */
    static final Duration ABANDONED = Duration.ofMinutes(2);
    private static final String IDS_WITH_TIME = "idsWithTime";

    /**
     * What a key holds: the request it was first used for and, once answered, the answer (with the headers a client
     * acts on: {@code Location}, {@code Consistency-Token}).
     */
    record Record(String fingerprint, boolean done, int status, String contentType, String location,
                  String consistencyToken, byte[] body) {
    }

    private final MongoCollection<Document> keys;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    /** The keys this instance is running a request for now (one per key: a key is claimed by one request at a time). */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    IdempotencyStore(MongoDatabase commandDatabase, Clock clock) {
        this.keys = commandDatabase.getCollection("idempotency_keys");
        this.clock = clock;
        keys.createIndex(Indexes.ascending("createdAt"),
                new IndexOptions().expireAfter(RETENTION.toSeconds(), TimeUnit.SECONDS));
    }

    /**
     * The outcome of a claim: {@code earlier} is empty when this request holds the key now — first, or again after
     * an unknown outcome — and {@code since} is when the key was first claimed for it, the same for every retry.
     */
    record Claim(Instant since, Optional<Record> earlier, boolean idsFromKeyAlone) {
    }

    /** Claims made before record ids took the claim's time into account; their retries keep the ids they had. */
    private static boolean idsFromKeyAlone(Document claim) {
        return !claim.containsKey(IDS_WITH_TIME);
    }

    /**
     * Claims the key for this request, or answers the earlier record. A claim is {@link #release released} when its
     * request has ended, answered or not. A key older than {@link #RETENTION} is claimed afresh whether or not
     * MongoDB's TTL monitor (which runs once a minute) has removed it yet.
     */
    Claim claim(String id, String fingerprint) {
        // false when a request with this key runs on this instance now: its mark must stay, whatever happens here
        boolean marked = running.add(id);
        try {
            Date now = Date.from(clock.instant());
            keys.insertOne(new Document("_id", id).append("fingerprint", fingerprint).append("done", false)
                    .append("createdAt", now).append("claimedAt", now).append("instance", instance)
                    .append(IDS_WITH_TIME, true));
            return new Claim(now.toInstant(), Optional.empty(), false);
        } catch (MongoWriteException e) {
            if (marked) {
                running.remove(id);
            }
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document existing = keys.find(Filters.eq("_id", id)).first();
            if (existing == null) {
                // expired between the insert and the read: claim again
                return claim(id, fingerprint);
            }
            Date createdAt = existing.getDate("createdAt");
            if (createdAt.toInstant().isBefore(clock.instant().minus(RETENTION))) {
                keys.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("createdAt", createdAt)));
                return claim(id, fingerprint);
            }
            if (retryable(existing, fingerprint) && reclaim(existing)) {
                return new Claim(createdAt.toInstant(), Optional.empty(), idsFromKeyAlone(existing));
            }
            return new Claim(createdAt.toInstant(), Optional.of(toRecord(existing)), idsFromKeyAlone(existing));
        } catch (RuntimeException e) {
            if (marked) {
                running.remove(id);
            }
            throw e;
        }
    }

    /** The request that claimed the key has ended on this instance (its outcome is written, or could not be). */
    void release(String id) {
        running.remove(id);
    }

    void complete(String id, int status, String contentType, String location, String consistencyToken, byte[] body) {
        keys.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("done", true), Updates.set("status", status),
                Updates.set("contentType", contentType), Updates.set("location", location),
                Updates.set("consistencyToken", consistencyToken), Updates.set("body", new Binary(body))));
    }

    /**
     * The request failed without an answer worth repeating (a 5xx, a timeout): what it stored, if anything, is
     * unknown. The key stays with its request's fingerprint; the same request may run again under it (it then
     * names the same records, so nothing is recorded twice), a different one is still refused.
     */
    void outcomeUnknown(String id) {
        keys.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("done", false)), Updates.set("unknown", true));
    }

    /** The same request again, after an unknown outcome or a claim whose instance died. */
    private boolean retryable(Document existing, String fingerprint) {
        if (!fingerprint.equals(existing.getString("fingerprint")) || Boolean.TRUE.equals(existing.getBoolean("done"))) {
            return false;
        }
        Date claimedAt = existing.getDate("claimedAt") == null ? existing.getDate("createdAt") : existing.getDate("claimedAt");
        boolean oursAndEnded = instance.equals(existing.getString("instance")) && !running.contains(existing.getString("_id"));
        return Boolean.TRUE.equals(existing.getBoolean("unknown")) || oursAndEnded
                || claimedAt.toInstant().isBefore(clock.instant().minus(ABANDONED));
    }

    /** Takes the key over for a retry, unless another retry took it first. */
    private boolean reclaim(Document existing) {
        String id = existing.getString("_id");
        if (!running.add(id)) {
            return false; // another retry on this instance is taking it over right now
        }
        Object claimedAt = existing.get("claimedAt");
        boolean taken = keys.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("done", false),
                        Filters.eq("claimedAt", claimedAt)),
                Updates.combine(Updates.set("claimedAt", Date.from(clock.instant())), Updates.set("instance", instance),
                        Updates.unset("unknown")))
                .getModifiedCount() == 1;
        if (!taken) {
            running.remove(id);
        }
        return taken;
    }

    private static Record toRecord(Document d) {
        Binary body = d.get("body", Binary.class);
        return new Record(d.getString("fingerprint"), Boolean.TRUE.equals(d.getBoolean("done")),
                d.getInteger("status", 0), d.getString("contentType"), d.getString("location"),
                d.getString("consistencyToken"), body == null ? new byte[0] : body.getData());
    }
}
