package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Unique keys kept in the ordered index's own entries: {@code UNIQUE + key} → position, one per distinct key of a
 * document (each element of an array, as MongoDB), the key encoded as {@link KeyEncoding} encodes it (ascending:
 * the order of the values) or, for a value it cannot place, as a typed text. Keys are equal exactly when the
 * server's normalized key values are equal, so the same documents collide as with the backend's own unique index.
 */
final class UniqueKeys<P> implements Uniqueness<P> {
    static final String UNIQUE = "\u0004";
    private final OrderedIndex<P> index;
    private final IndexEntries entries;

    UniqueKeys(OrderedIndex<P> index, IndexEntries entries) {
        this.index = index;
        this.entries = entries;
    }

    /** The document's keys, each with the key value it stands for (for the error message); none when sparse-skipped. */
    private Map<String, KeyValue> keysOf(Document document) {
        Map<String, KeyValue> keys = new LinkedHashMap<>();
        if (index.sparse() && index.getKeys().stream().noneMatch(key -> has(document, Utils.splitPath(key.getKey())))) {
            return keys;
        }
        for (KeyValue value : index.getKeyValues(document)) {
            keys.putIfAbsent(UNIQUE + token(value), value);
        }
        return keys;
    }

    /**
     * Whether the document has the field, as the backend's unique index decides which documents a sparse index
     * holds: a path through an array has a value only by position ({@code a.0}), not through its elements.
     */
    private static boolean has(Object value, List<String> path) {
        String field = path.get(0);
        if (path.size() == 1) {
            return value instanceof List<?> list ? position(field) >= 0 && position(field) < list.size()
                    : value instanceof Document document && document.containsKey(field);
        }
        Object inner = value instanceof Document document ? document.getOrMissing(field)
                : value instanceof List<?> list ? element(list, field) : null;
        return (inner instanceof Document || inner instanceof List) && has(inner, path.subList(1, path.size()));
    }

    private static Object element(List<?> list, String field) {
        int position = position(field);
        if (position >= 0) {
            return position < list.size() ? list.get(position) : null;
        }
        List<Object> values = list.stream().filter(Document.class::isInstance).map(d -> ((Document) d).getOrMissing(field))
                .filter(v -> !(v instanceof Missing)).toList();
        return values.isEmpty() ? null : values;
    }

    private static int position(String field) {
        return !field.isEmpty() && field.chars().allMatch(Character::isDigit) ? Integer.parseInt(field) : -1;
    }

    private static String token(KeyValue value) {
        StringBuilder token = new StringBuilder();
        for (Object component : value) {
            if (!KeyEncoding.encode(component, true, token)) {
                return "\uFFFF" + EntryKeys.tagged(value.stream().toList());
            }
        }
        return token.toString();
    }

    @Override
    public boolean unique() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public P position(Document document) {
        return keysOf(document).keySet().stream().map(entries::get).filter(Objects::nonNull).map(p -> (P) p)
                .findFirst().orElse(null);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        keysOf(document).forEach((key, value) -> {
            if (entries.contains(key)) {
                throw new DuplicateKeyError(index, collection, index.getKeys(), value);
            }
        });
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        checkAdd(document, collection);
        keysOf(document).keySet().forEach(key -> entries.put(key, position));
    }

    @Override
    @SuppressWarnings("unchecked")
    public P remove(Document document) {
        Object position = null;
        for (String key : keysOf(document).keySet()) {
            Object removed = entries.remove(key);
            position = removed != null ? removed : position;
        }
        return (P) position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        P own = position(oldDocument);
        keysOf(newDocument).forEach((key, value) -> {
            Object holder = entries.get(key);
            if (holder != null && !holder.equals(own)) {
                throw new DuplicateKeyError(index, collection, index.getKeys(), value);
            }
        });
    }

    @Override
    public void update(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        Map<String, KeyValue> before = keysOf(oldDocument);
        Map<String, KeyValue> after = keysOf(newDocument);
        if (!before.keySet().equals(after.keySet())) {
            before.keySet().forEach(entries::remove);
            after.keySet().forEach(key -> entries.put(key, position));
        }
    }

    /**
     * Every key given by value — all fields by value, or a single field's {@code $in}, whose values are read in the
     * server's value order as its own unique index reads them; else null.
     */
    @Override
    @SuppressWarnings("unchecked")
    public Iterable<P> exactMatch(Document query) {
        List<List<Object>> tuples = sought(index.getKeys().stream().map(k -> k.getKey()).toList(), query);
        if (tuples == null || (index.sparse() && query.values().stream().allMatch(Objects::isNull))) {
            return null;
        }
        java.util.Set<P> positions = new java.util.LinkedHashSet<>();
        for (List<Object> tuple : tuples) {
            KeyValue key = new KeyValue(tuple.stream().map(Missing::ofNullable).toList()).normalized();
            Object position = entries.get(UNIQUE + token(key));
            if (position != null) {
                positions.add((P) position);
            }
        }
        return positions;
    }

    /**
     * The keys an exact match of a unique index's {@code fields} seeks — all fields by value, or a single field's
     * {@code $in}, in the server's value order — or null when the query is not such a match or seeks an array, a
     * document or a regular expression: those are left to the ordered index and the matcher (mongo-java-server's
     * own unique index answers {@code {a: {$in: [[null], null]}}} with nothing, where MongoDB answers the
     * documents that lack {@code a}).
     */
    static List<List<Object>> sought(List<String> fields, Document query) {
        if (!query.keySet().equals(new java.util.HashSet<>(fields))) {
            return null;
        }
        List<List<Object>> tuples = new ArrayList<>();
        Object first = query.get(fields.get(0));
        if (fields.size() == 1 && first instanceof Document in && in.keySet().equals(java.util.Set.of("$in"))
                && in.get("$in") instanceof java.util.Collection<?> values) {
            java.util.Set<Object> ordered = new TreeSet<>(ValueComparator.asc());
            ordered.addAll(values);
            ordered.forEach(value -> tuples.add(java.util.Collections.singletonList(value)));
        } else {
            tuples.add(fields.stream().map(query::get).toList());
        }
        boolean byValue = tuples.stream().flatMap(List::stream).noneMatch(v -> v instanceof Document
                || v instanceof java.util.Collection || BsonRegularExpression.isRegularExpression(v));
        return byValue ? tuples : null;
    }

    @Override
    public boolean isEmpty() {
        return true; // the keys live in the index's entries, whose emptiness the index checks
    }

    @Override
    public void drop() {
    }
}
