package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * MongoDB answers an aggregation whose first stage is a {@code $match} from an index, as it would a find; so does
 * every {@code countDocuments} (the driver sends it as {@code $match} + {@code $group}). mongo-java-server feeds
 * every pipeline the whole collection. Here the leading {@code $match} is handed to the collection's query path
 * ({@link IndexedQueries}) as the pipeline's source; the stage itself still runs, so the answer is the same.
 */
final class LeadingMatch {
    private record Pending(String collection, Document match) {
    }

    private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

    private LeadingMatch() {
    }

    /** Runs a command; an aggregation's leading {@code $match} becomes its source collection's query meanwhile. */
    static Document around(String command, Document query, Supplier<Document> run) {
        Document match = command.equalsIgnoreCase("aggregate") ? leadingMatch(query) : null;
        if (match == null) {
            return run.get();
        }
        PENDING.set(new Pending(String.valueOf(query.get(command)), match));
        try {
            return run.get();
        } finally {
            PENDING.remove();
        }
    }

    /** The documents a pipeline starts from: those its leading {@code $match} finds (once per command), or all. */
    static Stream<Document> source(de.bwaldvogel.mongo.MongoCollection<?> collection) {
        Pending pending = PENDING.get();
        Document match = null;
        if (pending != null && pending.collection().equals(collection.getCollectionName())) {
            match = pending.match();
            PENDING.remove();
        }
        Iterable<Document> documents = collection.handleQuery(match == null ? new Document() : match);
        return StreamSupport.stream(documents.spliterator(), false);
    }

    private static Document leadingMatch(Document query) {
        if (!(query.get("pipeline") instanceof List<?> pipeline) || pipeline.isEmpty()
                || !(pipeline.get(0) instanceof Document first) || first.size() != 1
                || !(first.get("$match") instanceof Document match) || match.containsKey("$expr")) {
            return null;
        }
        return match;
    }
}
