package io.givefirst.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;

/** Read-model documents in a form two builds can be compared by: by id, with sets in a fixed order. */
public final class ReadModelDocuments {
    private ReadModelDocuments() {
    }

    public static List<Document> all(MongoCollection<Document> collection) {
        return collection.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()).stream()
                .map(ReadModelDocuments::comparable).toList();
    }

    /** Sets ($addToSet) keep insertion order; as sets, their order means nothing. */
    public static Document comparable(Document document) {
        Document copy = new Document();
        document.forEach((key, value) -> {
            if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                List<String> sorted = new ArrayList<>(list.stream().map(String.class::cast).toList());
                Collections.sort(sorted);
                copy.put(key, sorted);
            } else {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
