package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * An unsorted, unlimited query's candidates read a batch at a time: each batch loads and matches only its
 * positions. Without it, a query reading a large range (the leaderboard's period) loaded every matching document
 * in one go while holding the collection and the server thread that serves its connection.
 */
final class PositionsRead implements BatchCursor.Batches {
    private final List<?> positions;
    private final Document query;
    private final IndexedQueries.Access<?> collection;
    /** Told how many documents matched in all, once the last position is read. */
    private final LongConsumer onExhausted;
    private int next;
    private long matched;

    PositionsRead(List<?> positions, Document query, IndexedQueries.Access<?> collection, LongConsumer onExhausted) {
        this.positions = positions;
        this.query = query;
        this.collection = collection;
        this.onExhausted = onExhausted;
    }

    @Override
    public List<Document> take(int n) {
        List<Document> taken = new ArrayList<>();
        boolean wasExhausted = exhausted();
        while (next < positions.size() && (n <= 0 || taken.size() < n)) {
            Document document = collection.load(positions.get(next++));
            if (document != null && collection.matches(document, query)) {
                taken.add(document);
            }
        }
        matched += taken.size();
        if (!wasExhausted && exhausted()) {
            onExhausted.accept(matched);
        }
        return taken;
    }

    @Override
    public boolean exhausted() {
        return next >= positions.size();
    }
}
