package io.givefirst.shared.limits;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Bucket4j's buckets kept in MongoDB ({@code rate_limits}, one document per bucket), so that every instance of a
 * service draws on the same bucket. Bucket4j has no MongoDB back end; this is its compare-and-swap extension point:
 * a bucket's state is swapped only if it is still the state it was computed from (an insert for a new bucket, whose
 * unique {@code _id} lets one of two racing instances win). A bucket untouched for a day is removed (TTL index); it
 * would be full again by then anyway.
 */
public final class MongoBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {
    public static final String COLLECTION = "rate_limits";
    private static final String STATE = "state";
    private static final String TOUCHED = "touchedAt";
    private final MongoCollection<Document> buckets;

    public MongoBuckets(MongoDatabase database) {
        super(ClientSideConfig.getDefault().withRequestTimeout(RateLimitFilter.CONTENTION));
        this.buckets = database.getCollection(COLLECTION);
        buckets.createIndex(Indexes.ascending(TOUCHED), new IndexOptions().expireAfter(1L, TimeUnit.DAYS));
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                Document bucket = buckets.find(Filters.eq("_id", key)).first();
                return Optional.ofNullable(bucket).map(b -> b.get(STATE, Binary.class).getData());
            }

            @Override
            public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
                                          Optional<Long> timeoutNanos) {
                Date now = new Date();
                if (originalData == null) {
                    try {
                        buckets.insertOne(new Document("_id", key).append(STATE, new Binary(newData))
                                .append(TOUCHED, now));
                        return true;
                    } catch (MongoWriteException e) {
                        if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                            return false; // another instance created it first: Bucket4j reads it and tries again
                        }
                        throw e;
                    }
                }
                return buckets.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq(STATE, new Binary(originalData))),
                        Updates.combine(Updates.set(STATE, new Binary(newData)), Updates.set(TOUCHED, now)))
                        .getModifiedCount() == 1;
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public void removeProxy(String key) {
        buckets.deleteOne(Filters.eq("_id", key));
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
