package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * A server cursor over an unsorted, unlimited query's candidates: each batch loads and matches only the next
 * positions, under the collection's lock, and the lock is free between batches — as MongoDB yields between a
 * cursor's batches. Without it, a query reading a large range (the leaderboard's period) loaded every matching
 * document in one go while holding the collection and the server thread that serves its connection.
 */
final class PositionsCursor extends AbstractCursor {
    private final List<?> positions;
    private final Document query;
    private final IndexedQueries.Access<?> collection;
    private final Document projection;
    private final Runnable onExhausted;
    private int next;
    private long matched;

    PositionsCursor(long id, List<?> positions, Document query, IndexedQueries.Access<?> collection,
                    Document projection, Runnable onExhausted) {
        super(id);
        this.positions = positions;
        this.query = query;
        this.collection = collection;
        this.projection = projection;
        this.onExhausted = onExhausted;
    }

    /** Up to {@code n} more matching documents, unprojected ({@code n <= 0}: all); the caller holds the lock. */
    List<Document> take(int n) {
        List<Document> taken = new ArrayList<>();
        while (next < positions.size() && (n <= 0 || taken.size() < n)) {
            Document document = collection.load(positions.get(next++));
            if (document != null && collection.matches(document, query)) {
                taken.add(document);
            }
        }
        matched += taken.size();
        if (next == positions.size()) {
            onExhausted.run();
        }
        return taken;
    }

    long matched() {
        return matched;
    }

    boolean exhausted() {
        return next >= positions.size();
    }

    @Override
    public boolean isEmpty() {
        synchronized (collection.monitor()) {
            return exhausted();
        }
    }

    @Override
    public List<Document> takeDocuments(int numberToReturn) {
        List<Document> documents;
        synchronized (collection.monitor()) {
            documents = take(numberToReturn);
        }
        return collection.project(documents, projection);
    }
}
