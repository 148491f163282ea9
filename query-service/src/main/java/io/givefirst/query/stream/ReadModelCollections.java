package io.givefirst.query.stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * Where a projection's collections are. The live read model resolves to the live generation on every call, so
 * a swap after a rebuild takes effect at the next batch or query; a rebuild writes to a generation of its own.
 */
@FunctionalInterface
public interface ReadModelCollections {
    MongoCollection<Document> get(String collection);

    /**
     * Runs the writes of one batch of the live stream: the live read model holds its generation still meanwhile
     * (a swap waits for the batch, the next batch writes to the new generation).
     */
    default void batch(Runnable writes) {
        writes.run();
    }

    /** The collections as named, in one database (generation 0; tests). */
    static ReadModelCollections in(MongoDatabase database) {
        return database::getCollection;
    }

    /** The physical name of a collection in a generation: generation 0 keeps the plain name. */
    static String physicalName(String collection, int generation) {
        return generation == 0 ? collection : collection + "__g" + generation;
    }
}
