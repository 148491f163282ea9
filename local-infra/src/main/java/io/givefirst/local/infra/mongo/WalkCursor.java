package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/** A server cursor that goes on with an {@link IndexWalk} on each {@code getMore}, under the collection's lock. */
final class WalkCursor extends AbstractCursor {
    private final IndexWalk walk;
    private final IndexedQueries.Access<?> collection;
    private final Document projection;

    WalkCursor(long id, IndexWalk walk, IndexedQueries.Access<?> collection, Document projection) {
        super(id);
        this.walk = walk;
        this.collection = collection;
        this.projection = projection;
    }

    @Override
    public boolean isEmpty() {
        synchronized (collection.monitor()) {
            return walk.exhausted();
        }
    }

    @Override
    public List<Document> takeDocuments(int numberToReturn) {
        List<Document> documents;
        synchronized (collection.monitor()) {
            documents = walk.take(numberToReturn);
        }
        return collection.project(documents, projection);
    }
}
