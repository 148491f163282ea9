package io.givefirst.command.config;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A lookup document's changing fields, written only by an event newer than the one that wrote them last. Several
 * instances update the lookups, each right after storing its own events, so the write of an older event of an
 * aggregate can arrive after a newer one's (a pause between store and lookup write): the document keeps, per
 * {@code guard} field, the sequence number of the event that wrote it, and an older event's write matches
 * nothing. Its upsert then collides with the existing {@code _id}, which means exactly that: a newer event got
 * there first.
 */
public final class LookupWrites {
    private LookupWrites() {
    }

    /**
     * Applies {@code change} to document {@code id} (creating it) unless an event of a later {@code sequence} of
     * the same aggregate already wrote it; {@code guard} names the field that remembers that sequence.
     */
    public static void ifNewer(MongoCollection<Document> collection, String id, String guard, long sequence, Bson change) {
        try {
            collection.updateOne(Filters.and(Filters.eq("_id", id),
                            Filters.or(Filters.lt(guard, sequence), Filters.exists(guard, false))),
                    Updates.combine(change, Updates.set(guard, sequence)), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
