package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * A server cursor that reads its next batch only on each {@code getMore}, under the collection's lock, and leaves
 * the lock free in between — as MongoDB yields between a cursor's batches.
 */
final class BatchCursor extends AbstractCursor {
    /** What a cursor reads from; called with the collection's lock held. */
    interface Batches {
        /** Up to {@code n} more matching documents, unprojected ({@code n <= 0}: all of them). */
        List<Document> take(int n);

        boolean exhausted();
    }

    private final Batches batches;
    private final IndexedQueries.Access<?> collection;
    private final Document projection;

    BatchCursor(long id, Batches batches, IndexedQueries.Access<?> collection, Document projection) {
        super(id);
        this.batches = batches;
        this.collection = collection;
        this.projection = projection;
    }

    @Override
    public boolean isEmpty() {
        synchronized (collection.monitor()) {
            return batches.exhausted();
        }
    }

    @Override
    public List<Document> takeDocuments(int numberToReturn) {
        List<Document> documents;
        synchronized (collection.monitor()) {
            documents = batches.take(numberToReturn);
        }
        return collection.project(documents, projection);
    }
}
