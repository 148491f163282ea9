package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Comparator;
import java.util.List;

/**
 * mongo-java-server's memory backend with MongoDB's indexes: every index, {@code _id} included, is an
 * {@link OrderedIndex} (a unique one keeps the backend's unique index as well), and queries are planned by
 * {@link IndexedQueries}. For tests.
 */
public final class IndexedMemoryBackend extends MemoryBackend {
    private final QueryLog log = new QueryLog();

    /** What the queries on this server cost, per shape. */
    public QueryLog queryLog() {
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
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    private final class Database extends MemoryDatabase {
        Database(String name) {
            super(name, IndexedMemoryBackend.this.getCursorRegistry());
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new Collection(this, collectionName, options, cursorRegistry);
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collection, String name, List<IndexKey> keys,
                                                         boolean sparse) {
            Index<Integer> unique = super.openOrCreateUniqueIndex(collection, name, keys, sparse);
            return new OrderedIndex<>(name, keys, sparse, IndexEntries.inMemory(), index -> Uniqueness.of(unique));
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collection, String name, List<IndexKey> keys,
                                                            boolean sparse) {
            return new OrderedIndex<>(name, keys, sparse, IndexEntries.inMemory(), index -> Uniqueness.none());
        }
    }

    private final class Collection extends MemoryCollection implements IndexedQueries.Access<Integer> {
        private final IndexedQueries<Integer> queries = new IndexedQueries<>(this, IndexedMemoryBackend.this::queryLog);
        private int lastMatched;

        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document projection) {
            return queries.query(query, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public void addIndex(Index<Integer> index) {
            if (index instanceof OrderedIndex<Integer> ordered && ordered.needsEntries()) {
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
        public List<Index<Integer>> indexes() {
            return getIndexes();
        }

        @Override
        public Document load(Object position) {
            return getDocument((Integer) position);
        }

        @Override
        public List<Integer> positions() {
            return streamAllDocumentsWithPosition().map(DocumentWithPosition::getPosition).toList();
        }

        @Override
        public Comparator<Object> naturalOrder() {
            return Comparator.comparing(position -> (Integer) position);
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
        public QueryResult fromPositions(Document query, Iterable<Integer> positions, Document orderBy, int skip,
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
