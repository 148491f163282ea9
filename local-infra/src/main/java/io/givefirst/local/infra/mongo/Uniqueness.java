package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * How an {@link OrderedIndex} keeps its keys unique: not at all, through the backend's own unique index (the
 * memory backend's is a hash map), or by itself ({@link UniqueKeys}: the file backend's own stores its keys
 * Java-serialized and serializes both sides of every comparison, the costliest thing the embedded server did).
 */
interface Uniqueness<P> {

    boolean unique();

    /** The position of the document holding this document's key, or null. */
    P position(Document document);

    void checkAdd(Document document, MongoCollection<P> collection);

    void add(Document document, P position, MongoCollection<P> collection);

    /** Forgets the document's keys; answers its position if this index knew it. */
    P remove(Document document);

    void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection);

    void update(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection);

    /**
     * The positions an exact match of every key answers, in the order the backend's unique index answers them
     * (a single key's {@code $in}: by value); null when the query is not such a match.
     */
    Iterable<P> exactMatch(Document query);

    boolean isEmpty();

    void drop();

    /** Keys need not be unique. */
    static <P> Uniqueness<P> none() {
        return new NotUnique<>();
    }

    /** The backend's own unique index decides. */
    static <P> Uniqueness<P> of(Index<P> index) {
        return new BackendUnique<>(index);
    }

    /** No uniqueness to keep: every check passes and nothing is held. */
    final class NotUnique<P> implements Uniqueness<P> {
        @Override
        public boolean unique() {
            return false;
        }

        @Override
        public P position(Document document) {
            return null;
        }

        @Override
        public void checkAdd(Document document, MongoCollection<P> collection) {
        }

        @Override
        public void add(Document document, P position, MongoCollection<P> collection) {
        }

        @Override
        public P remove(Document document) {
            return null;
        }

        @Override
        public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        }

        @Override
        public void update(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        }

        @Override
        public Iterable<P> exactMatch(Document query) {
            return null;
        }

        @Override
        public boolean isEmpty() {
            return true;
        }

        @Override
        public void drop() {
        }
    }

    /** The backend's own unique index, which the memory backend keeps as a hash map. */
    final class BackendUnique<P> implements Uniqueness<P> {
        private final Index<P> index;

        BackendUnique(Index<P> index) {
            this.index = index;
        }

        @Override
        public boolean unique() {
            return true;
        }

        @Override
        public P position(Document document) {
            return index.getPosition(document);
        }

        @Override
        public void checkAdd(Document document, MongoCollection<P> collection) {
            index.checkAdd(document, collection);
        }

        @Override
        public void add(Document document, P position, MongoCollection<P> collection) {
            index.add(document, position, collection);
        }

        @Override
        public P remove(Document document) {
            return index.remove(document);
        }

        @Override
        public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
            index.checkUpdate(oldDocument, newDocument, collection);
        }

        @Override
        public void update(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
            index.updateInPlace(oldDocument, newDocument, position, collection);
        }

        @Override
        public Iterable<P> exactMatch(Document query) {
            List<String> fields = index.getKeys().stream().map(key -> key.getKey()).toList();
            return index.canHandle(query) && UniqueKeys.sought(fields, query) != null ? index.getPositions(query) : null;
        }

        @Override
        public boolean isEmpty() {
            return index.isEmpty();
        }

        @Override
        public void drop() {
            index.drop();
        }
    }
}
