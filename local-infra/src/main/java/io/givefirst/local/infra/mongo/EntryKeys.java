package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys of an {@link OrderedIndex}'s entries for a document: {@code ENTRY + encoded key} prefixes (one per
 * value of a multikey index), or the mark that the document is odd — a value {@link KeyEncoding} cannot place, an
 * empty array, an array inside an array — and so a candidate for every query.
 */
final class EntryKeys {
    /** A document's entry prefixes, whether it is odd, and whether any key held an array. */
    record Keys(Set<String> prefixes, boolean odd, boolean arrays) {
        static final Keys NONE = new Keys(Set.of(), false, false);
    }

    private final List<IndexKey> keys;
    private final boolean sparse;
    /** Each key's path, split once: mongo-java-server splits a path with a regular expression on every read. */
    private final List<List<String>> paths;
    /** Each key's field name when it is a top-level field (no dot), else null. */
    private final String[] fields;
    private final boolean plannable;

    EntryKeys(List<IndexKey> keys, boolean sparse) {
        this.keys = keys;
        this.sparse = sparse;
        this.paths = keys.stream().map(IndexKey::getKey).map(Utils::splitPath).map(List::copyOf).toList();
        // the matcher reads "a.0" as an array's first element, which the index keys do not: such an index is kept
        // (it may be unique) but never planned with
        this.plannable = paths.stream().flatMap(List::stream).noneMatch(s -> s.matches("\\d+"));
        this.fields = paths.stream().map(path -> path.size() == 1 ? path.get(0) : null).toArray(String[]::new);
    }

    boolean plannable() {
        return plannable;
    }

    /** The value of the {@code i}-th key as the backend reads it (arrays on the way looked through). */
    private Object valueOf(Document document, int i) {
        return fields[i] != null ? document.getOrMissing(fields[i])
                : Utils.getSubdocumentValueCollectionAware(document, keys.get(i).getKey());
    }

    /**
     * The key values when every key is a top-level field with no array value (the common case, read without
     * splitting paths); null when the backend's own reading is needed (arrays, parallel arrays, nested paths).
     */
    List<Object> topLevelValues(Document document) {
        List<Object> values = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            Object value = fields[i] == null ? null : valueOf(document, i);
            if (fields[i] == null || value instanceof Collection) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    /** Whether a sparse index leaves this document out: it has none of the keys. */
    boolean skips(Document document) {
        if (!sparse) {
            return false;
        }
        for (int i = 0; i < fields.length; i++) {
            if (!(valueOf(document, i) instanceof Missing)) {
                return false;
            }
        }
        return true;
    }

    /** The entries of a document the index holds, given its key values as the backend reads them. */
    Keys of(Document document, Set<KeyValue> values) {
        boolean arrays = false;
        boolean odd = false;
        for (int i = 0; i < fields.length; i++) {
            Object raw = valueOf(document, i);
            arrays |= raw instanceof Collection;
            odd |= KeyEncoding.hidesOddNumbers(raw) || arrayInArray(document, paths.get(i));
        }
        Set<String> prefixes = new LinkedHashSet<>();
        for (KeyValue value : values) {
            StringBuilder key = new StringBuilder(OrderedIndex.ENTRY);
            for (int i = 0; i < value.size() && !odd; i++) {
                odd = !KeyEncoding.encode(value.get(i), keys.get(i).isAscending(), key);
            }
            prefixes.add(key.toString());
        }
        return odd || values.isEmpty() ? new Keys(Set.of(), true, arrays) : new Keys(prefixes, false, arrays);
    }

    /**
     * Whether the path reaches an array inside an array before its last field: the matcher looks into such nested
     * arrays, the index keys (read as mongo-java-server reads them) do not.
     */
    private static boolean arrayInArray(Object value, List<String> path) {
        if (path.isEmpty()) {
            return false;
        }
        if (value instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> v instanceof Collection || arrayInArray(v, path));
        }
        return value instanceof Document document && arrayInArray(document.get(path.get(0)), path.subList(1, path.size()));
    }

    /** The part of an entry's key that names the document: its encoded {@code _id}. */
    static String idKey(Document document) {
        Object id = new KeyValue(Missing.ofNullable(document.get("_id"))).normalized().get(0);
        String encoded = KeyEncoding.encode(id, true);
        return encoded != null ? encoded : "\uFFFF" + tagged(id);
    }

    /** A text for any value that differs wherever the value or a type in it differs. */
    static String tagged(Object value) {
        if (value instanceof Document document) {
            StringBuilder text = new StringBuilder("{");
            document.forEach((key, inner) -> text.append(key).append('=').append(tagged(inner)).append(';'));
            return text.append('}').toString();
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(EntryKeys::tagged).collect(Collectors.joining(";", "[", "]"));
        }
        return value == null ? "null" : value.getClass().getName() + ":" + value;
    }
}
