package io.givefirst.local.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.givefirst.local.infra.FreePorts;
import io.givefirst.local.infra.MongoWireServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-backed server keeps its indexes across restarts, and builds them for a store written before it had any. */
class IndexedH2BackendTest {
    @TempDir
    Path data;

    private static List<Document> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Document("aggregate", "a" + (i % 100))
                .append("sequence", (long) (i / 100)).append("timestamp", "t%06d".formatted(i))).toList();
    }

    private static void declareIndexes(MongoCollection<Document> events) {
        events.createIndex(Indexes.ascending("aggregate", "sequence"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("timestamp", "sequence"));
    }

    private static List<String> tail(MongoCollection<Document> events, String from) {
        return events.find(Filters.gte("timestamp", from)).sort(Sorts.ascending("timestamp", "sequence")).limit(3)
                .map(d -> d.getString("timestamp")).into(new ArrayList<>());
    }

    /** A store as earlier builds left it: mongo-java-server's H2 backend, documents Java-serialised, no ordered indexes. */
    private static void writtenByMongoJavaServersOwnBackend(Path file, Consumer<MongoCollection<Document>> writes) {
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        java.net.InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
            writes.accept(client.getDatabase("db").getCollection("events"));
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void indexesAndTheirEntriesSurviveARestart() {
        Path file = data.resolve("store.mv");
        int port = FreePorts.pick();
        try (MongoWireServer server = MongoWireServer.onFile(file, port).start();
             MongoClient client = MongoClients.create(server.uri("db"))) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            declareIndexes(events);
            events.insertMany(events(5000));
            events.deleteOne(Filters.eq("timestamp", "t004000"));
        }
        try (MongoWireServer server = MongoWireServer.onFile(file, port).start();
             MongoClient client = MongoClients.create(server.uri("db"))) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");

            assertThat(tail(events, "t003999")).containsExactly("t003999", "t004001", "t004002");
            QueryLog.Shape shape = server.queryLog().shapes().get("events {timestamp: {$gte: ?}} sort {timestamp: 1, sequence: 1} limit");
            assertThat(shape.plan()).isEqualTo("timestamp_1_sequence_1 in order");
            assertThat(shape.maxExamined()).isEqualTo(3);
            assertThat(events.find(Filters.and(Filters.eq("aggregate", "a7"), Filters.gte("sequence", 45L)))
                    .into(new ArrayList<>())).hasSize(5);
        }
    }

    @Test
    void aStoreWrittenWithoutOrderedIndexesGetsThemWhenItOpens() {
        Path file = data.resolve("old.mv");
        writtenByMongoJavaServersOwnBackend(file, events -> {
            declareIndexes(events);
            events.insertMany(events(3000));
        });

        try (MongoWireServer server = MongoWireServer.onFile(file, FreePorts.pick()).start();
             MongoClient client = MongoClients.create(server.uri("db"))) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");

            assertThat(tail(events, "t002000")).containsExactly("t002000", "t002001", "t002002");
            assertThat(server.queryLog().shapes()).hasSize(1);
            assertThat(server.queryLog().shapes().values().iterator().next().maxExamined()).isEqualTo(3);
            List<Long> sequences = events.find(Filters.and(Filters.eq("aggregate", "a42"), Filters.gte("sequence", 28L)))
                    .sort(Sorts.ascending("sequence")).map(d -> d.getLong("sequence")).into(new ArrayList<>());
            assertThat(sequences).containsExactly(28L, 29L);
        }
    }

    /** Documents of an earlier build are Java-serialised; this one writes BSON: both are read, before and after a change. */
    @Test
    void documentsWrittenByTheEarlierFormatAndByThisOneAreAllReadBackAfterRestarts() {
        Path file = data.resolve("formats.mv");
        writtenByMongoJavaServersOwnBackend(file, events -> events.insertMany(events(2000)));
        int port = FreePorts.pick();
        try (MongoWireServer server = MongoWireServer.onFile(file, port).start();
             MongoClient client = MongoClients.create(server.uri("db"))) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            assertThat(events.countDocuments(Filters.eq("aggregate", "a7"))).isEqualTo(20);
            events.updateMany(Filters.in("aggregate", "a1", "a2", "a3"), com.mongodb.client.model.Updates.set("seen", true));
            events.insertMany(events(2000).stream().map(d -> new Document(d).append("timestamp", "u" + d.getString("timestamp"))).toList());
        }
        try (MongoWireServer server = MongoWireServer.onFile(file, port).start();
             MongoClient client = MongoClients.create(server.uri("db"))) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");

            assertThat(events.countDocuments()).isEqualTo(4000);
            assertThat(events.countDocuments(Filters.eq("seen", true))).isEqualTo(60);
            assertThat(events.find(Filters.eq("timestamp", "t001234")).first())
                    .containsEntry("aggregate", "a34").containsEntry("sequence", 12L);
            assertThat(events.find(Filters.eq("timestamp", "ut001234")).first())
                    .containsEntry("aggregate", "a34").containsEntry("sequence", 12L);
        }
    }

    @Test
    void aRenamedCollectionTakesItsIndexEntriesAlong() {
        try (MongoWireServer server = MongoWireServer.onFile(data.resolve("rename.mv"), FreePorts.pick()).start();
             MongoClient client = MongoClients.create(server.uri("db"))) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            declareIndexes(events);
            events.insertMany(events(300));
            events.renameCollection(new com.mongodb.MongoNamespace("db", "archive"));
            MongoCollection<Document> fresh = client.getDatabase("db").getCollection("events");
            declareIndexes(fresh);
            fresh.insertOne(new Document("aggregate", "z").append("sequence", 0L).append("timestamp", "t999999"));

            assertThat(tail(client.getDatabase("db").getCollection("archive"), "t000298")).containsExactly("t000298", "t000299");
            assertThat(tail(fresh, "t000000")).containsExactly("t999999");
        }
    }

    @Test
    void aLargeScanOfTheFileIsReadABatchAtATimeInStoredOrder() {
        try (MongoWireServer server = MongoWireServer.onFile(data.resolve("scan.mv"), FreePorts.pick()).start();
             MongoClient client = MongoClients.create(server.uri("db"))) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            events.insertMany(events(1000));
            List<String> whole = events.find().map(d -> d.getString("timestamp")).into(new ArrayList<>());

            List<String> batched = new ArrayList<>();
            try (com.mongodb.client.MongoCursor<Document> cursor = events.find().batchSize(100).iterator()) {
                batched.add(cursor.next().getString("timestamp"));
                events.deleteOne(Filters.eq("timestamp", "t000999"));
                cursor.forEachRemaining(d -> batched.add(d.getString("timestamp")));
            }
            assertThat(whole).hasSize(1000).startsWith("t000000", "t000001");
            assertThat(batched).isEqualTo(whole.subList(0, 999));
        }
    }
}
