package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A MongoDB index as real MongoDB keeps one: its keys in order, so equality, {@code $in} and ranges on a prefix of
 * its keys, and sorts in its order, are answered by walking part of it. mongo-java-server ignores non-unique
 * indexes and serves a unique one only for an exact match of all its keys; this index replaces both. A unique
 * index still keeps the backend's own unique index, which enforces uniqueness exactly as before.
 * <p>
 * Entries are {@code ENTRY + encoded key + encoded _id} → position. A document with a value that
 * {@link KeyEncoding} cannot place (a sub-document, NaN, …) or with an empty array gets one {@code ODD} entry
 * instead and is a candidate for every query, so the index never hides a match. Whether any document had an
 * array (multikey) is remembered in the entries themselves.
 */
final class OrderedIndex<P> extends Index<P> {
    static final String ENTRY = "\u0001";
    static final String ODD = "\u0002";
    private static final String MULTIKEY = "\u0003multikey";
    private static final String ODD_END = "\u0003";

    private final Uniqueness<P> uniqueness;
    private final IndexEntries entries;
    private final EntryKeys keys;
    private boolean multikey;
    /** The primary key's index, which also keeps documents within MongoDB's size limit ({@link DocumentSize}). */
    private final boolean primary;

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse, IndexEntries entries,
                 Function<OrderedIndex<P>, Uniqueness<P>> uniqueness) {
        super(name, keys, sparse);
        this.entries = entries;
        this.uniqueness = uniqueness.apply(this);
        this.multikey = entries.contains(MULTIKEY);
        this.primary = Indexes.isId(keys);
        this.keys = new EntryKeys(keys, sparse);
    }

    /**
     * The backend's key values, read without splitting paths when every key is a top-level field with no array
     * value (the common case); otherwise the backend's own reading, which handles arrays and parallel arrays.
     */
    @Override
    public Set<KeyValue> getKeyValues(Document document) {
        List<Object> values = keys.topLevelValues(document);
        return values == null ? super.getKeyValues(document) : Set.of(new KeyValue(values).normalized());
    }

    boolean plannable() {
        return keys.plannable();
    }

    /** The positions an exact match of a unique index's keys answers, as the backend would; else null. */
    Iterable<P> exactMatch(Document query) {
        return uniqueness.exactMatch(query);
    }

    IndexEntries entries() {
        return entries;
    }

    boolean multikey() {
        return multikey;
    }

    boolean sparse() {
        return isSparse();
    }

    boolean hasOddDocuments() {
        return entries.range(ODD, ODD_END, false).hasNext();
    }

    Iterator<Map.Entry<String, Object>> oddDocuments() {
        return entries.range(ODD, ODD_END, false);
    }

    /** True when the backend's unique index holds documents this index has not taken in yet (an upgrade). */
    boolean needsEntries() {
        return entries.size() == 0 && !uniqueness.isEmpty();
    }

    /** Takes in documents the collection already holds, without checking uniqueness again. */
    void fill(Stream<DocumentWithPosition<P>> documents) {
        documents.forEach(document -> addEntries(document.getDocument(), document.getPosition()));
    }

    /** Whether a sparse index leaves this document out: it has none of the keys. */
    boolean skips(Document document) {
        return keys.skips(document);
    }

    private EntryKeys.Keys keysOf(Document document) {
        return keys.skips(document) ? EntryKeys.Keys.NONE : keys.of(document, getKeyValues(document));
    }

    private void addEntries(Document document, Object position) {
        addEntries(document, position, keysOf(document));
    }

    private void addEntries(Document document, Object position, EntryKeys.Keys keys) {
        if (keys.arrays() && !multikey) {
            multikey = true;
            entries.put(MULTIKEY, Boolean.TRUE);
        }
        String id = EntryKeys.idKey(document);
        if (keys.odd()) {
            entries.put(ODD + id, position);
        }
        keys.prefixes().forEach(prefix -> entries.put(prefix + id, position));
    }

    private P removeEntries(Document document) {
        return removeEntries(document, keysOf(document));
    }

    @SuppressWarnings("unchecked")
    private P removeEntries(Document document, EntryKeys.Keys keys) {
        String id = EntryKeys.idKey(document);
        Object position = keys.odd() ? entries.remove(ODD + id) : null;
        for (String prefix : keys.prefixes()) {
            Object removed = entries.remove(prefix + id);
            position = removed != null ? removed : position;
        }
        return (P) position;
    }

    @Override
    public P getPosition(Document document) {
        return uniqueness.position(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        getKeyValues(document);
        if (primary) {
            DocumentSize.checkInsert(document);
        }
        uniqueness.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        uniqueness.add(document, position, collection);
        addEntries(document, position);
    }

    @Override
    public P remove(Document document) {
        P position = removeEntries(document);
        P removed = uniqueness.remove(document);
        return removed != null ? removed : position;
    }

    /** Never chosen by the backend's own query path: {@link IndexedQueries} plans with this index itself. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        throw new UnsupportedOperationException("queries on " + getName() + " are planned by IndexedQueries");
    }

    @Override
    public long getCount() {
        return entries.size();
    }

    @Override
    public boolean isEmpty() {
        return entries.size() == 0 && uniqueness.isEmpty();
    }

    @Override
    public long getDataSize() {
        return entries.size();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        getKeyValues(newDocument);
        if (primary) {
            DocumentSize.checkUpdate(newDocument);
        }
        uniqueness.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        uniqueness.update(oldDocument, newDocument, position, collection);
        EntryKeys.Keys before = keysOf(oldDocument);
        EntryKeys.Keys after = keysOf(newDocument);
        if (!before.equals(after)) {
            removeEntries(oldDocument, before);
            addEntries(newDocument, position, after);
        }
    }

    /** As MongoDB: an index of the same name must agree in uniqueness and sparseness too. */
    @Override
    public boolean hasSameOptions(Index<?> other) {
        Document mine = toIndexDescription();
        Document theirs = other.toIndexDescription();
        return mine.get("unique").equals(theirs.get("unique"))
                && java.util.Objects.equals(mine.get("sparse"), theirs.get("sparse"));
    }

    @Override
    public boolean isUnique() {
        return uniqueness.unique();
    }

    @Override
    public void drop() {
        entries.clear();
        uniqueness.drop();
    }
}
