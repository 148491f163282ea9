package io.givefirst.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import io.givefirst.local.infra.mongo.IndexedH2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * How the embedded server's H2 file grows under the platform's kind of writes, for one MVStore setting: an event
 * appended (unique aggregate/sequence and timestamp indexes), a counter upserted, a history entry inserted, per step.
 * Prints the file size and MVStore's fill rate every 50 000 steps (docs/benchmarks.md, "The H2 file").
 * <pre>java -cp benchmarks/target/givefirst-benchmarks.jar -Dloader.main=io.givefirst.bench.H2FileGrowth \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [autoCommitBufferKb, 0 = H2's default] [steps]</pre>
 */
public final class H2FileGrowth {
    private H2FileGrowth() {
    }

    public static void main(String[] args) throws Exception {
        int bufferKb = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 150_000;
        Path file = Files.createTempDirectory("h2-growth").resolve("store.mv");
        MVStore.Builder builder = new MVStore.Builder().fileName(file.toString());
        if (bufferKb > 0) {
            builder.autoCommitBufferSize(bufferKb);
        }
        MVStore store = builder.open();
        MongoServer server = new MongoServer(new IndexedH2Backend(store));
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
            grow(client.getDatabase("growth"), steps, file, store);
        } finally {
            server.shutdownNow();
            store.close();
        }
        System.out.printf("closed: file %d MiB%n", Files.size(file) >> 20);
        Files.delete(file);
    }

    /** An event, a counter update and a history entry per step, reporting the file's size every 50,000 steps. */
    private static void grow(MongoDatabase db, int steps, Path file, MVStore store) throws java.io.IOException {
        MongoCollection<Document> events = db.getCollection("events");
        events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
        MongoCollection<Document> stats = db.getCollection("stats");
        stats.createIndex(Indexes.descending("given"));
        MongoCollection<Document> history = db.getCollection("history");
        history.createIndex(Indexes.ascending("member", "at"));
        String payload = "x".repeat(600);
        Random random = new Random(1);
        long start = System.nanoTime();
        for (int i = 1; i <= steps; i++) {
            events.insertOne(new Document("aggregateIdentifier", "agg-" + (i % 20_000))
                    .append("sequenceNumber", (long) (i / 20_000)).append("timestamp", String.format("%016d", i))
                    .append("payload", payload + i));
            String member = "m" + random.nextInt(1000);
            stats.updateOne(Filters.eq("_id", member), Updates.inc("given", 1), new UpdateOptions().upsert(true));
            history.insertOne(new Document("member", member).append("at", i).append("text", payload.substring(300)));
            if (i % 50_000 == 0) {
                System.out.printf("%d steps: %.1f s, file %d MiB, fill rate %d%%%n", i,
                        (System.nanoTime() - start) / 1e9, Files.size(file) >> 20, store.getFillRate());
            }
        }
    }
}
