package io.givefirst.local.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * A property test (jqwik): random documents (numbers of every width, strings, dates, ids, booleans, nulls, missing
 * fields, arrays, sub-documents, Decimal128), random indexes (compound, descending, unique, sparse) and random
 * queries (equality, {@code $in}, ranges, {@code $ne}, {@code $all}, {@code $exists}, {@code $and}, {@code $or},
 * sorts, skips, limits, small batches) run against a server with indexes and the same server without them. Every
 * answer — documents, their order, every write's outcome and error — must be identical. An index may only change
 * what a query costs.
 * <p>
 * A failure is shrunk by jqwik to the fewest indexes, documents, changes and queries that still part the servers,
 * and names its seed: {@code @Property(seed = "…")} replays it. The seed is fixed so that every build runs the same
 * trials; change it to explore others.
 */
class IndexedQueriesEquivalenceTest {
    private static final String SEED = "20261130";
    private static final int TRIES = 150;

    private static final List<AutoCloseable> running = new ArrayList<>();
    private static final List<QueryLog> logs = new ArrayList<>();
    private static final AtomicInteger collections = new AtomicInteger();
    private static MongoClient indexedMemory;
    private static MongoClient plainMemory;
    private static MongoClient indexedFile;
    private static MongoClient plainFile;

    @BeforeContainer
    static void startServers() {
        IndexedMemoryBackend memory = new IndexedMemoryBackend();
        IndexedH2Backend file = new IndexedH2Backend(MVStore.open(null));
        logs.add(memory.queryLog());
        logs.add(file.queryLog());
        indexedMemory = serve(memory);
        plainMemory = serve(new MemoryBackend());
        indexedFile = serve(file);
        plainFile = serve(new H2Backend(MVStore.open(null)));
    }

    private static MongoClient serve(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        java.net.InetSocketAddress address = server.bind();
        MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort());
        running.add(client);
        running.add(server::shutdownNow);
        return client;
    }

    /** The trials must have read indexes in order and by range, not only scanned. */
    @AfterContainer
    static void stopServers() throws Exception {
        List<QueryLog.Shape> shapes = logs.stream().flatMap(log -> log.shapes().values().stream()).toList();
        for (AutoCloseable part : running) {
            part.close();
        }
        assertThat(shapes).as("the trials exercise index ranges and walks in index order, not only scans")
                .anySatisfy(shape -> assertThat(shape.plan()).endsWith(" in order"))
                .anySatisfy(shape -> assertThat(shape.plan()).matches("\\w.*_-?1").doesNotEndWith(" in order"));
    }

    @Property(tries = TRIES, seed = SEED)
    void indexedMemoryServerAnswersExactlyAsWithoutIndexes(@ForAll("trials") Trials.Plan plan) {
        play(plan, indexedMemory, plainMemory);
    }

    @Property(tries = TRIES, seed = SEED)
    void indexedFileServerAnswersExactlyAsWithoutIndexes(@ForAll("trials") Trials.Plan plan) {
        play(plan, indexedFile, plainFile);
    }

    @Provide
    Arbitrary<Trials.Plan> trials() {
        return Trials.plans();
    }

    private static void play(Trials.Plan plan, MongoClient indexedServer, MongoClient plainServer) {
        String name = "t" + collections.incrementAndGet();
        Trial trial = new Trial(indexedServer.getDatabase("trials").getCollection(name),
                plainServer.getDatabase("trials").getCollection(name));
        try {
            trial.play(plan);
        } finally {
            trial.indexed.drop();
            trial.plain.drop();
        }
    }

    /** One collection on both servers, written and queried alike. */
    private record Trial(MongoCollection<Document> indexed, MongoCollection<Document> plain) {
        private static final String DUPLICATE_KEY = "error 11000";

        void play(Trials.Plan plan) {
            for (Trials.IndexSpec index : plan.indexes()) {
                IndexOptions options = new IndexOptions().unique(index.unique()).sparse(index.sparse());
                same("createIndex " + index, c -> c.createIndex(index.keys(), options));
            }
            for (Document document : plan.documents()) {
                same("insert " + document.toJson(), c -> c.insertOne(document).wasAcknowledged());
            }
            plan.queries().forEach(this::query);
            for (Trials.Change change : plan.changes()) {
                int target = change.target();
                same("update " + target + " " + change.update(),
                        c -> c.updateOne(Filters.eq("_id", target), change.update()).getModifiedCount());
                same("delete " + (target + 1), c -> c.deleteOne(Filters.eq("_id", target + 1)).getDeletedCount());
                same("insert " + change.inserted().toJson(), c -> c.insertOne(change.inserted()).wasAcknowledged());
            }
            Document filter = plan.manyFilter();
            Function<MongoCollection<Document>, Long> many = c -> c.updateMany(filter, Updates.set("c", plan.manyValue()))
                    .getModifiedCount();
            Object outcome = outcome(indexed, many);
            assertThat(outcome).as("updateMany " + filter.toJson()).isEqualTo(outcome(plain, many));
            if (DUPLICATE_KEY.equals(outcome)) {
                // MongoDB keeps what a multi-update changed before its duplicate key, as the indexed servers do;
                // mongo-java-server checks every document first and changes none: the two part here by design
                return;
            }
            assertThat(indexed.find().into(new ArrayList<>())).as("documents after updateMany " + filter.toJson())
                    .isEqualTo(plain.find().into(new ArrayList<>()));
            plan.laterQueries().forEach(this::query);
        }

        private void query(Trials.Query query) {
            String what = "find " + query.filter().toJson() + " sort " + query.sort().toJson() + " skip "
                    + query.skip() + " limit " + query.limit();
            Function<MongoCollection<Document>, List<Document>> find = c -> c.find(query.filter()).sort(query.sort())
                    .skip(query.skip()).limit(query.limit()).batchSize(query.batch()).into(new ArrayList<>());
            if (query.sort().isEmpty()) {
                unordered(what, find, c -> c.find(query.filter()).into(new ArrayList<>()), query.skip(), query.limit());
            } else {
                same(what, find);
            }
        }

        /**
         * With no sort MongoDB promises no order (an index scan answers in index order): the indexed server's
         * answer is the same documents, in any order — with a skip or a limit, that many of the documents that
         * match.
         */
        private void unordered(String what, Function<MongoCollection<Document>, List<Document>> find,
                               Function<MongoCollection<Document>, List<Document>> all, int skip, int limit) {
            Object answer = outcome(indexed, find);
            Object matching = outcome(plain, all);
            if (answer instanceof String || matching instanceof String) {
                assertThat(answer).as(what).isEqualTo(outcome(plain, find));
                return;
            }
            List<Document> answered = cast(answer);
            List<Document> matched = cast(matching);
            int expected = Math.max(0, matched.size() - skip);
            expected = limit > 0 ? Math.min(limit, expected) : expected;
            assertThat(answered).as("%s (matching: %s)", what, matched).hasSize(expected)
                    .doesNotHaveDuplicates().isSubsetOf(matched);
        }

        @SuppressWarnings("unchecked")
        private static List<Document> cast(Object documents) {
            return (List<Document>) documents;
        }

        /** Both servers give the same answer, or fail with the same error, and hold the same documents after it. */
        private <T> void same(String what, Function<MongoCollection<Document>, T> operation) {
            Object before = plain.find().into(new ArrayList<>());
            assertThat(outcome(indexed, operation)).as(() -> what + "\nindexes "
                    + indexed.listIndexes().into(new ArrayList<>()) + "\ndocuments before " + before)
                    .isEqualTo(outcome(plain, operation));
            if (!what.startsWith("find")) {
                Function<MongoCollection<Document>, List<Document>> all = c -> c.find().into(new ArrayList<>());
                assertThat(all.apply(indexed)).as("documents after %s", what).isEqualTo(all.apply(plain));
            }
        }

        private static <T> Object outcome(MongoCollection<Document> collection, Function<MongoCollection<Document>, T> operation) {
            try {
                return operation.apply(collection);
            } catch (MongoException e) {
                // the index-free server describes every index as sparse, so only a generic error's text is compared
                return "error " + e.getCode() + (e.getCode() == -1 ? e.getMessage().replaceAll("localhost:\\d+", "") : "");
            }
        }
    }
}
