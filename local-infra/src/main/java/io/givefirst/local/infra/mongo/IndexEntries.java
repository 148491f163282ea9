package io.givefirst.local.infra.mongo;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * The sorted entries of an ordered index: encoded key → position of the document. In memory for the memory
 * backend; an H2 map in the same file as the documents for the file backend, so it survives a restart. Both are
 * sorted maps; they differ only in how a range is read.
 */
abstract class IndexEntries {
    private final Map<String, Object> map;

    private IndexEntries(Map<String, Object> map) {
        this.map = map;
    }

    /** Kept in a {@link TreeMap}: the memory backend's indexes, rebuilt with the documents. */
    static IndexEntries inMemory() {
        return new InMemory(new TreeMap<>());
    }

    /** Kept in an H2 map of the store's file. */
    static IndexEntries inMap(MVMap<String, Object> map) {
        return new InMap(map);
    }

    void put(String key, Object position) {
        map.put(key, position);
    }

    /** Removes the entry; answers the position it held, or null. */
    Object remove(String key) {
        return map.remove(key);
    }

    Object get(String key) {
        return map.get(key);
    }

    boolean contains(String key) {
        return map.containsKey(key);
    }

    long size() {
        return map.size();
    }

    void clear() {
        map.clear();
    }

    /** Entries with {@code from <= key < to} ({@code to} null: no upper end), ascending or descending. */
    abstract Iterator<Map.Entry<String, Object>> range(String from, String to, boolean descending);

    private static final class InMemory extends IndexEntries {
        private final TreeMap<String, Object> sorted;

        InMemory(TreeMap<String, Object> sorted) {
            super(sorted);
            this.sorted = sorted;
        }

        @Override
        Iterator<Map.Entry<String, Object>> range(String from, String to, boolean descending) {
            NavigableMap<String, Object> range = to == null ? sorted.tailMap(from, true) : sorted.subMap(from, true, to, false);
            return (descending ? range.descendingMap() : range).entrySet().iterator();
        }
    }

    private static final class InMap extends IndexEntries {
        private final MVMap<String, Object> sorted;

        InMap(MVMap<String, Object> sorted) {
            super(sorted);
            this.sorted = sorted;
        }

        @Override
        Iterator<Map.Entry<String, Object>> range(String from, String to, boolean descending) {
            if (!descending) {
                return bounded(sorted.cursor(from), to, false);
            }
            String start = to == null ? sorted.lastKey() : sorted.lowerKey(to);
            return start == null || start.compareTo(from) < 0 ? Collections.emptyIterator()
                    : bounded(sorted.cursor(start, from, true), from, true);
        }

        /** Stops at {@code limit}: exclusive going up, inclusive going down. */
        private static Iterator<Map.Entry<String, Object>> bounded(Cursor<String, Object> cursor, String limit,
                                                                  boolean descending) {
            return new Iterator<>() {
                private String next = advance();

                private String advance() {
                    if (!cursor.hasNext()) {
                        return null;
                    }
                    String key = cursor.next();
                    if (limit != null && (descending ? key.compareTo(limit) < 0 : key.compareTo(limit) >= 0)) {
                        return null;
                    }
                    return key;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Map.Entry<String, Object> next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<String, Object> entry = Map.entry(next, cursor.getValue());
                    next = advance();
                    return entry;
                }
            };
        }
    }
}
