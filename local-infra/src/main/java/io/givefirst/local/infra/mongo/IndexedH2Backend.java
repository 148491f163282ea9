package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

/**
 * mongo-java-server's file backend (one H2 MVStore file) with MongoDB's indexes: every index but {@code _id} is
 * an {@link OrderedIndex} whose entries are an H2 map in the same file, written in the same commits as the
 * documents, so the indexes survive a restart with the data (an index that has no entries yet, such as one
 * declared before this backend existed, is filled from the documents when the store opens). Documents are
 * written as BSON ({@link BsonDocuments}), not with Java serialisation.
 * <p>
 * The database and collection classes are inner classes on purpose: H2Backend opens the existing databases in
 * its constructor, before any field of a subclass is set, and an inner class instance reaches its backend from
 * the start.
 */
public final class IndexedH2Backend extends H2Backend {
    /** The map names H2Database uses for a collection's documents and metadata. */
    private static final String DATA = "databases.";
    private static final String META = "meta.";
    private static final String ORDERED_INDEX = "._ordered_index_";

    private QueryLog log;

    public IndexedH2Backend(String fileName) {
        super(fileName);
    }

    public IndexedH2Backend(MVStore store) {
        super(store);
    }

    /** What the queries on this server cost, per shape. */
    public synchronized QueryLog queryLog() {
        if (log == null) {
            log = new QueryLog();
        }
        return log;
    }

    /** Answers {@link QueryLog#COMMAND} on any database; an aggregation starts from its leading {@code $match} ({@link LeadingMatch}). */
    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (command.equalsIgnoreCase(QueryLog.COMMAND)) {
            return queryLog().command(query);
        }
        return LeadingMatch.around(command, query, () -> super.handleCommand(channel, databaseName, command, query));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    private final class Database extends H2Database {
        Database(String name) {
            super(name, IndexedH2Backend.this.getMvStore(), IndexedH2Backend.this.getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = getMvStore().openMap(DATA + fullName,
                    new MVMap.Builder<Object, Document>().valueType(BsonDocuments.INSTANCE));
            MVMap<String, Object> meta = getMvStore().openMap(META + fullName);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
        }

        /**
         * Every unique index, {@code _id} included, keeps its keys in its own entries ({@link UniqueKeys}); the map
         * of H2Database's unique index, if a store written before has one, is removed.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collection, String name, List<IndexKey> keys,
                                                        boolean sparse) {
            String replaced = getFullCollectionNamespace(collection) + "._index_" + name;
            if (getMvStore().hasMap(replaced)) {
                getMvStore().removeMap(replaced);
            }
            IndexEntries entries = entries(collection, name);
            return new OrderedIndex<>(name, keys, sparse, entries, index -> new UniqueKeys<>(index, entries));
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collection, String name, List<IndexKey> keys,
                                                           boolean sparse) {
            return new OrderedIndex<>(name, keys, sparse, entries(collection, name), index -> Uniqueness.none());
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(entriesMapName(collection.getCollectionName(), indexName));
        }

        /**
         * Renames the collection's maps — documents, metadata and ordered indexes — before the backend moves the
         * collection: H2Database looks its maps up by the collection's name after renaming it, so on its own it
         * leaves the documents under the old name, where a new collection of that name would find them.
         */
        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String oldFullName = collection.getFullName();
            String newFullName = getFullCollectionNamespace(newCollectionName);
            rename(DATA + oldFullName, DATA + newFullName);
            rename(META + oldFullName, META + newFullName);
            collection.getIndexes().stream().filter(OrderedIndex.class::isInstance).map(Index::getName)
                    .forEach(index -> rename(oldFullName + ORDERED_INDEX + index, newFullName + ORDERED_INDEX + index));
            super.moveCollection(oldDatabase, collection, newCollectionName);
        }

        private void rename(String from, String to) {
            MVStore store = getMvStore();
            if (store.hasMap(to)) {
                store.removeMap(to);
            }
            store.renameMap(store.openMap(from), to);
        }

        private IndexEntries entries(String collection, String index) {
            return IndexEntries.inMap(getMvStore().openMap(entriesMapName(collection, index),
                    new MVMap.Builder<String, Object>().keyType(StringDataType.INSTANCE)));
        }

        private String entriesMapName(String collection, String index) {
            return getFullCollectionNamespace(collection) + ORDERED_INDEX + index;
        }
    }

    /** The same adapter as the memory backend's: what it calls is protected, so each backend's subclass has its own. */
    private final class Collection extends H2Collection implements IndexedQueries.Access<Object> {
        private final IndexedQueries<Object> queries = new IndexedQueries<>(this, IndexedH2Backend.this::queryLog);
        private final Comparator<Object> naturalOrder;
        private final MVMap<Object, Document> data;
        private int lastMatched;

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
            // the file's keys are Longs: compared as such, not through the generic key type (which sorts by type first)
            Comparator<Object> keys = data.getKeyType()::compare;
            this.naturalOrder = (a, b) -> a instanceof Long x && b instanceof Long y ? Long.compare(x, y) : keys.compare(a, b);
            this.data = data;
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document projection) {
            return queries.query(query, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public void addIndex(Index<Object> index) {
            if (index instanceof OrderedIndex<Object> ordered && ordered.needsEntries()) {
                ordered.fill(streamAllDocumentsWithPosition());
            }
            super.addIndex(index);
        }

        @Override
        protected QueryResult createQueryResult(List<Document> matched, int batchSize) {
            lastMatched = matched.size();
            return super.createQueryResult(matched, batchSize);
        }

        @Override
        public java.util.stream.Stream<Document> queryAllAsStream() {
            return LeadingMatch.source(this);
        }

        @Override
        public String name() {
            return getCollectionName();
        }

        @Override
        public List<Index<Object>> indexes() {
            return getIndexes();
        }

        @Override
        public Document load(Object position) {
            return getDocument(position);
        }

        @Override
        public List<Object> positions() {
            return new ArrayList<>(data.keySet());
        }

        @Override
        public Comparator<Object> naturalOrder() {
            return naturalOrder;
        }

        @Override
        public boolean matches(Document document, Document query) {
            return documentMatchesQuery(document, query);
        }

        @Override
        public QueryResult scan(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection) {
            return matchDocuments(query, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public QueryResult fromPositions(Document query, Iterable<Object> positions, Document orderBy, int skip,
                                         int limit, int batchSize, Document projection) {
            return matchDocuments(query, positions, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public List<Document> project(List<Document> documents, Document projection) {
            return Indexes.project(documents, projection,
                    () -> matchDocumentsFromStream(documents.stream(), new Document(), null, 0, 0, 0, projection));
        }

        @Override
        public CursorRegistry cursors() {
            return cursorRegistry;
        }

        @Override
        public Object monitor() {
            return this;
        }

        @Override
        public int lastMatched() {
            return lastMatched;
        }
    }
}
