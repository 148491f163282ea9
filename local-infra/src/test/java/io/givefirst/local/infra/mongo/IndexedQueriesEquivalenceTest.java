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
import java.util.Random;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A property test: random documents (numbers of every width, strings, dates, ids, booleans, nulls, missing fields,
 * arrays, sub-documents, Decimal128), random indexes (compound, descending, unique, sparse) and random queries
 * (equality, {@code $in}, ranges, {@code $ne}, {@code $all}, {@code $exists}, {@code $and}, {@code $or}, sorts, skips, limits,
 * small batches) run against a server with indexes and the same server without them. Every answer — documents,
 * their order, every write's outcome and error — must be identical. An index may only change what a query costs.
 * <p>
 * The trials are seeded, so a failure names its seed and replays exactly: {@code -Dequivalence.seed=…};
 * {@code -Dequivalence.trials=…} runs more of them.
 */
class IndexedQueriesEquivalenceTest {
    private static final long SEED = Long.getLong("equivalence.seed", 20261130L);
    private static final int TRIALS = Integer.getInteger("equivalence.trials", 150);
    private static final String[] FIELDS = {"a", "b", "c", "n.x"};

    private static final List<AutoCloseable> running = new ArrayList<>();
    private static final List<QueryLog> logs = new ArrayList<>();
    private static MongoClient indexedMemory;
    private static MongoClient plainMemory;
    private static MongoClient indexedFile;
    private static MongoClient plainFile;

    @BeforeAll
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

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable part : running) {
            part.close();
        }
    }

    @Test
    void indexedMemoryServerAnswersExactlyAsWithoutIndexes() {
        runTrials(indexedMemory, plainMemory, "memory");
    }

    @Test
    void indexedFileServerAnswersExactlyAsWithoutIndexes() {
        runTrials(indexedFile, plainFile, "file");
    }

    private static void runTrials(MongoClient indexed, MongoClient plain, String kind) {
        for (int trial = 0; trial < TRIALS; trial++) {
            long seed = SEED + trial;
            Trial run = new Trial(new Random(seed), indexed.getDatabase(kind).getCollection("t" + seed),
                    plain.getDatabase(kind).getCollection("t" + seed), "seed " + seed + " (" + kind + ")");
            run.play();
        }
        List<QueryLog.Shape> shapes = logs.stream().flatMap(log -> log.shapes().values().stream()).toList();
        assertThat(shapes).as("the trials exercise index ranges and walks in index order, not only scans")
                .anySatisfy(shape -> assertThat(shape.plan()).endsWith(" in order"))
                .anySatisfy(shape -> assertThat(shape.plan()).matches("\\w.*_-?1").doesNotEndWith(" in order"));
    }

    /** One collection on both servers, written and queried alike. */
    private record Trial(Random random, MongoCollection<Document> indexed, MongoCollection<Document> plain,
                         String name, String arrays) {

        /**
         * Only one field of a trial ever holds arrays: like MongoDB, the indexed server refuses a document with
         * arrays in two fields of one compound index (code 171), which the index-free server cannot know.
         */
        Trial(Random random, MongoCollection<Document> indexed, MongoCollection<Document> plain, String name) {
            this(random, indexed, plain, name, List.of("a", "b", "c", "n").get(random.nextInt(4)));
        }

        void play() {
            Values values = new Values(random);
            int indexes = 1 + random.nextInt(3);
            java.util.Set<Document> declared = new java.util.HashSet<>();
            for (int i = 0; i < indexes; i++) {
                Document keys = new Document();
                for (String field : pick(1 + random.nextInt(3))) {
                    keys.append(field, random.nextBoolean() ? 1 : -1);
                }
                if (!declared.add(keys)) {
                    continue; // the index-free server calls every index sparse: a redeclaration would part them
                }
                IndexOptions options = new IndexOptions().unique(random.nextInt(5) == 0).sparse(random.nextInt(5) == 0);
                if (options.isUnique()) {
                    values.withoutEmptyArrays();
                }
                if (options.isUnique() && options.isSparse()) {
                    values.withoutNulls();
                }
                same("createIndex " + keys, c -> c.createIndex(keys, options));
            }
            int id = 0;
            for (; id < 40; id++) {
                Document document = document(id, values);
                same("insert " + document.toJson(), c -> c.insertOne(document).wasAcknowledged());
            }
            for (int round = 0; round < 30; round++) {
                query(values);
            }
            for (int change = 0; change < 15; change++) {
                int target = random.nextInt(id);
                String field = pick(1).get(0);
                Bson update = Updates.set(field, field.startsWith(arrays) ? values.any() : values.single());
                same("update " + target + " " + update, c -> c.updateOne(Filters.eq("_id", target), update).getModifiedCount());
                same("delete " + (target + 1), c -> c.deleteOne(Filters.eq("_id", target + 1)).getDeletedCount());
                Document document = document(id++, values);
                same("insert " + document.toJson(), c -> c.insertOne(document).wasAcknowledged());
            }
            Document filter = filter(values);
            Bson update = Updates.set("c", arrays.equals("c") ? values.any() : values.single());
            same("updateMany " + filter.toJson(), c -> c.updateMany(filter, update).getModifiedCount());
            for (int round = 0; round < 30; round++) {
                query(values);
            }
        }

        private void query(Values values) {
            Document filter = filter(values);
            Document sort = new Document();
            if (random.nextInt(10) < 6) {
                pick(1 + random.nextInt(2)).forEach(field -> sort.append(field, random.nextBoolean() ? 1 : -1));
            }
            int skip = random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(3);
            int limit = random.nextBoolean() ? 0 : 1 + random.nextInt(5);
            int batch = random.nextBoolean() ? 0 : 2;
            String what = "find " + filter.toJson() + " sort " + sort.toJson() + " skip " + skip + " limit " + limit;
            Function<MongoCollection<Document>, List<Document>> find =
                    c -> c.find(filter).sort(sort).skip(skip).limit(limit).batchSize(batch).into(new ArrayList<>());
            if (sort.isEmpty()) {
                unordered(what, find, c -> c.find(filter).into(new ArrayList<>()), skip, limit);
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
                assertThat(answer).as("%s: %s", name, what).isEqualTo(outcome(plain, find));
                return;
            }
            List<Document> answered = cast(answer);
            List<Document> matched = cast(matching);
            int expected = Math.max(0, matched.size() - skip);
            expected = limit > 0 ? Math.min(limit, expected) : expected;
            assertThat(answered).as("%s: %s (matching: %s)", name, what, matched).hasSize(expected)
                    .doesNotHaveDuplicates().isSubsetOf(matched);
        }

        @SuppressWarnings("unchecked")
        private static List<Document> cast(Object documents) {
            return (List<Document>) documents;
        }

        private Document filter(Values values) {
            Document filter = new Document();
            for (String field : pick(random.nextInt(4))) {
                filter.append(field, condition(values));
            }
            if (random.nextInt(6) == 0) {
                filter.append("_id", random.nextBoolean() ? random.nextInt(60)
                        : new Document("$in", List.of(random.nextInt(60), random.nextInt(60), "x")));
            }
            if (random.nextInt(7) == 0) {
                String field = pick(1).get(0);
                filter.append("$and", List.of(new Document(field, condition(values)), new Document(field, condition(values))));
            }
            if (random.nextInt(10) == 0) {
                filter.append("$or", List.of(new Document(pick(1).get(0), values.any()), new Document(pick(1).get(0), values.any())));
            }
            return filter;
        }

        private Object condition(Values values) {
            return switch (random.nextInt(11)) {
                case 0, 1 -> values.any();
                case 2 -> new Document("$eq", values.any());
                case 3 -> new Document("$in", java.util.Arrays.asList(values.any(), values.any(), values.scalar()));
                case 4 -> new Document(range(), values.scalar());
                case 5, 6 -> new Document("$gte", values.scalar()).append(random.nextBoolean() ? "$lt" : "$lte", values.scalar());
                case 7 -> new Document("$gt", values.scalar()).append("$ne", values.scalar());
                case 8 -> new Document("$ne", values.any());
                case 9 -> random.nextBoolean() ? new Document("$exists", random.nextBoolean())
                        : new Document("$all", java.util.Arrays.asList(values.scalar())).append("$gt", values.scalar());
                default -> new Document("$nin", java.util.Arrays.asList(values.scalar(), values.scalar()));
            };
        }

        private String range() {
            return List.of("$gt", "$gte", "$lt", "$lte").get(random.nextInt(4));
        }

        private Document document(int id, Values values) {
            Document document = new Document("_id", id);
            for (String field : List.of("a", "b", "c")) {
                if (random.nextInt(5) != 0) {
                    document.append(field, field.equals(arrays) ? values.any() : values.single());
                }
            }
            if (random.nextInt(3) != 0) {
                Object x = arrays.equals("n") ? values.any() : values.single();
                document.append("n", random.nextInt(4) == 0 ? x : new Document("x", x));
            }
            return document;
        }

        private List<String> pick(int count) {
            List<String> fields = new ArrayList<>(List.of(FIELDS));
            java.util.Collections.shuffle(fields, random);
            return fields.subList(0, Math.min(count, fields.size()));
        }

        /** Both servers give the same answer, or fail with the same error, and hold the same documents after it. */
        private <T> void same(String what, Function<MongoCollection<Document>, T> operation) {
            Object before = plain.find().into(new ArrayList<>());
            assertThat(outcome(indexed, operation)).as(() -> name + ": " + what + "\nindexes "
                    + indexed.listIndexes().into(new ArrayList<>()) + "\ndocuments before " + before)
                    .isEqualTo(outcome(plain, operation));
            if (!what.startsWith("find")) {
                Function<MongoCollection<Document>, List<Document>> all = c -> c.find().into(new ArrayList<>());
                assertThat(all.apply(indexed)).as("%s: documents after %s", name, what).isEqualTo(all.apply(plain));
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
