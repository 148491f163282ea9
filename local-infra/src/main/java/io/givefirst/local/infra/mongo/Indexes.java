package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.function.Supplier;

/** Small rules both indexed backends share. */
final class Indexes {
    private Indexes() {
    }

    /** Whether an index is the primary key's. */
    static boolean isId(List<IndexKey> keys) {
        return keys.size() == 1 && keys.get(0).getKey().equals("_id");
    }

    /** The documents with the query's projection applied by the backend (whose projection class is not public). */
    static List<Document> project(List<Document> documents, Document projection, Supplier<QueryResult> projected) {
        if (projection == null || projection.isEmpty() || documents.isEmpty()) {
            return documents;
        }
        return projected.get().collectDocuments();
    }
}
