package io.givefirst.shared.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.givefirst.events.privacy.DataKeys;
import io.givefirst.events.privacy.DataKeys.Wanted;
import io.givefirst.events.privacy.KeyPurpose;
import io.givefirst.events.privacy.KeyWrapping;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The members' data keys in MongoDB ({@code member_keys}, one document per member: each purpose's key wrapped by its
 * key-encryption key). Erasure removes the keys and leaves the document as a tombstone, so no writer ever creates a
 * key for that member again. Unwrapped keys are kept in memory for {@link #KEPT} (Caffeine): another instance may
 * open a member's values for that long after an erasure unless it is told ({@link #forget}); the instance that erases
 * forgets at once. Tombstones are remembered for good.
 */
public final class MongoDataKeys implements DataKeys {
    public static final String COLLECTION = "member_keys";
    /** How long an unwrapped key stays in memory. */
    public static final Duration KEPT = Duration.ofSeconds(30);
    private static final String KEYS = "keys";
    private static final String ERASED_AT = "erasedAt";

    private final MongoCollection<Document> keys;
    private final KeyWrapping wrapping;
    private final boolean mayCreate;
    private final Clock clock;
    private final Cache<String, Aead> unwrapped = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(KEPT).build();
    private final Cache<String, Boolean> erased = Caffeine.newBuilder().maximumSize(100_000).build();

    private MongoDataKeys(MongoDatabase database, KeyWrapping wrapping, boolean mayCreate, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.wrapping = wrapping;
        this.mayCreate = mayCreate;
        this.clock = clock;
    }

    /** For the writer (command-service): creates a member's keys when first needed, and erases them. */
    public static MongoDataKeys forWriter(MongoDatabase database, KeyWrapping wrapping, Clock clock) {
        return new MongoDataKeys(database, wrapping, true, clock);
    }

    /** For a reader (query-service, a granted consumer): finds keys, never creates one. */
    public static MongoDataKeys forReader(MongoDatabase database, KeyWrapping wrapping) {
        return new MongoDataKeys(database, wrapping, false, Clock.systemUTC());
    }

    @Override
    public Optional<Aead> find(String memberId, KeyPurpose purpose) {
        if (!wrapping.holds(purpose) || erased.getIfPresent(memberId) != null) {
            return Optional.empty();
        }
        // loaded through the cache, so an invalidation (forget) waits for a load under way instead of losing to it
        return Optional.ofNullable(unwrapped.get(cacheKey(memberId, purpose), k -> load(memberId, purpose)));
    }

    /** One query for every member among these with a wanted key not in memory yet. */
    @Override
    public void prefetch(Collection<Wanted> wanted) {
        List<String> missing = wanted.stream().filter(this::notInMemory).map(Wanted::memberId).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        for (Document member : keys.find(Filters.in("_id", missing))) {
            String memberId = member.getString("_id");
            if (member.get(ERASED_AT) != null) {
                erased.put(memberId, true);
                continue;
            }
            Document wrapped = member.get(KEYS, Document.class);
            for (KeyPurpose purpose : KeyPurpose.values()) {
                Binary key = wrapped == null ? null : wrapped.get(field(purpose), Binary.class);
                if (key != null && wrapping.holds(purpose)) {
                    unwrapped.asMap().putIfAbsent(cacheKey(memberId, purpose),
                            wrapping.unwrap(memberId, purpose, key.getData()));
                }
            }
        }
    }

    private boolean notInMemory(Wanted key) {
        return wrapping.holds(key.purpose()) && erased.getIfPresent(key.memberId()) == null
                && unwrapped.getIfPresent(cacheKey(key.memberId(), key.purpose())) == null;
    }

    private Aead load(String memberId, KeyPurpose purpose) {
        Document member = keys.find(Filters.eq("_id", memberId)).first();
        if (member == null) {
            return null;
        }
        if (member.get(ERASED_AT) != null) {
            erased.put(memberId, true);
            return null;
        }
        Document wrapped = member.get(KEYS, Document.class);
        Binary key = wrapped == null ? null : wrapped.get(field(purpose), Binary.class);
        return key == null ? null : wrapping.unwrap(memberId, purpose, key.getData());
    }

    @Override
    public Optional<Aead> obtain(String memberId, KeyPurpose purpose) {
        if (!mayCreate) {
            throw new UnsupportedOperationException("a reader's data keys: nothing can be sealed with them");
        }
        Optional<Aead> existing = find(memberId, purpose);
        if (existing.isPresent() || erased.getIfPresent(memberId) != null) {
            return existing;
        }
        KeyWrapping.NewKey created = wrapping.generate(memberId, purpose);
        String path = KEYS + "." + field(purpose);
        try {
            // the filter fails for a tombstone or a key another instance created first; the upsert then meets _id
            keys.updateOne(Filters.and(Filters.eq("_id", memberId), Filters.exists(ERASED_AT, false),
                            Filters.exists(path, false)),
                    Updates.combine(Updates.set(path, new Binary(created.wrapped())),
                            Updates.setOnInsert("createdAt", Date.from(clock.instant()))),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        unwrapped.invalidate(cacheKey(memberId, purpose));
        return find(memberId, purpose); // the stored key: ours, another instance's, or none (erased meanwhile)
    }

    /** Deletes the member's keys for good; every value sealed with them stays unreadable everywhere. */
    public void erase(String memberId) {
        erased.put(memberId, true);
        for (int attempt = 1; ; attempt++) {
            try {
                keys.updateOne(Filters.eq("_id", memberId), Updates.combine(Updates.unset(KEYS),
                        Updates.set(ERASED_AT, Date.from(clock.instant()))), new UpdateOptions().upsert(true));
                break;
            } catch (MongoWriteException e) {
                // a key created for the member at this moment inserted the document first: update that one
                if (attempt > 1 || ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        forget(memberId);
    }

    /** Drops what this instance keeps in memory of the member's keys (on hearing of an erasure elsewhere). */
    public void forget(String memberId) {
        for (KeyPurpose purpose : KeyPurpose.values()) {
            unwrapped.invalidate(cacheKey(memberId, purpose));
        }
    }

    /** Whether the member has been erased. */
    public boolean erased(String memberId) {
        return erased.getIfPresent(memberId) != null
                || keys.countDocuments(Filters.and(Filters.eq("_id", memberId), Filters.exists(ERASED_AT))) > 0;
    }

    private static String field(KeyPurpose purpose) {
        return purpose.name().toLowerCase(Locale.ROOT);
    }

    private static String cacheKey(String memberId, KeyPurpose purpose) {
        return purpose.name() + ":" + memberId;
    }
}
