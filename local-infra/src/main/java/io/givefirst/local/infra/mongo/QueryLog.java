package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What the server's queries cost, per query shape — as MongoDB's explain reports {@code totalDocsExamined} and
 * {@code nReturned}. A shape is the collection (without a read model's generation suffix), the filter with its
 * values left out, the sort, and whether a limit was given: {@code domainevents {aggregateIdentifier: ?,
 * sequenceNumber: {$gte: ?}} sort {sequenceNumber: 1}}. Tests and the benchmark read it to show that what a
 * query examines does not grow with the collection.
 */
public final class QueryLog {
    /** The server command that answers the log ({@code {givefirstQueryLog: 1}}; with {@code clear: true} it also clears it). */
    public static final String COMMAND = "givefirstQueryLog";
    public static final String COLLECTION_SCAN = "COLLSCAN";

    private final Map<String, Shape> shapes = new ConcurrentHashMap<>();

    /** The cost of one query shape so far. */
    public record Shape(String shape, String plan, long queries, long maxExamined, long maxReturned,
                        long maxExaminedBeyondReturned) {
        Shape add(String usedPlan, long examined, long returned) {
            return new Shape(shape, usedPlan, queries + 1, Math.max(maxExamined, examined), Math.max(maxReturned, returned),
                    Math.max(maxExaminedBeyondReturned, examined - returned));
        }

        /** Whether some query of this shape read the whole collection. */
        public boolean scanned() {
            return plan.equals(COLLECTION_SCAN);
        }
    }

    void record(String collection, Document query, Document orderBy, int limit, String plan, long examined,
                long returned) {
        if (collection.startsWith("system.")) {
            return; // the server's own bookkeeping, not a client's query
        }
        String shape = shapeOf(collection, query, orderBy, limit);
        shapes.compute(shape, (key, before) -> (before == null ? new Shape(key, plan, 0, 0, 0, 0) : before)
                .add(before != null && before.scanned() ? COLLECTION_SCAN : plan, examined, returned));
    }

    /** Every shape seen since the last {@link #clear()}, by shape. */
    public Map<String, Shape> shapes() {
        return Map.copyOf(shapes);
    }

    public void clear() {
        shapes.clear();
    }

    static String shapeOf(String collection, Document query, Document orderBy, int limit) {
        String name = collection.replaceFirst("__g\\d+$", "");
        String sort = orderBy == null || orderBy.isEmpty() ? "" : orderBy.entrySet().stream()
                .map(key -> key.getKey() + ": " + key.getValue()).collect(Collectors.joining(", ", " sort {", "}"));
        return name + " " + shapeOf(query) + sort + (limit > 0 ? " limit" : "");
    }

    private static String shapeOf(Object value) {
        if (value instanceof Document document) {
            return document.entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + (entry.getKey().equals("$in") || entry.getKey().equals("$nin")
                            ? "[?]" : shapeOf(entry.getValue())))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Collection<?> values && values.stream().allMatch(Document.class::isInstance)
                && !values.isEmpty()) {
            return values.stream().map(QueryLog::shapeOf).collect(Collectors.joining(", ", "[", "]"));
        }
        return "?";
    }

    /** The answer to {@link #COMMAND}: every shape as a document, then the log cleared if asked. */
    Document command(Document query) {
        List<Document> shapes = this.shapes.values().stream().map(shape -> new Document("shape", shape.shape())
                .append("plan", shape.plan()).append("queries", shape.queries())
                .append("maxExamined", shape.maxExamined()).append("maxReturned", shape.maxReturned())
                .append("maxExaminedBeyondReturned", shape.maxExaminedBeyondReturned())).toList();
        if (Boolean.TRUE.equals(query.get("clear"))) {
            clear();
        }
        return new Document("shapes", shapes).append("ok", 1.0);
    }

    /** Shapes as lines, the costliest first: for a log or a report. */
    public List<String> describe() {
        return shapes.values().stream()
                .sorted((a, b) -> Long.compare(b.maxExamined(), a.maxExamined()))
                .map(s -> "%s  [%s] queries=%d examined<=%d returned<=%d".formatted(s.shape(), s.plan(), s.queries(),
                        s.maxExamined(), s.maxReturned()))
                .toList();
    }
}
