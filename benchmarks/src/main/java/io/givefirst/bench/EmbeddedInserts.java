package io.givefirst.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.givefirst.local.infra.mongo.IndexedH2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;

/**
 * The embedded server's file backend alone: event-store documents inserted through the driver (batches of 500,
 * the store's two indexes declared) into mongo-java-server's own H2 backend and into the indexed one, three
 * rounds each, alternating. {@code java -jar benchmarks/target/givefirst-benchmarks.jar --embedded-inserts}.
 */
final class EmbeddedInserts {
    private static final int DOCUMENTS = 20_000;

    private EmbeddedInserts() {
    }

    static void run() throws Exception {
        for (int round = 1; round <= 3; round++) {
            measure("mongo-java-server H2Backend", H2Backend::new, round);
            measure("IndexedH2Backend", IndexedH2Backend::new, round);
        }
    }

    private static void measure(String name, Function<String, MongoBackend> backend, int round) throws Exception {
        Path dir = Files.createTempDirectory("givefirst-inserts-");
        MongoServer server = new MongoServer(backend.apply(dir.resolve("store.mv").toString()));
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + server.bind().getPort())) {
            MongoCollection<Document> events = client.getDatabase("bench").getCollection("domainevents");
            events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
            events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
            long start = System.nanoTime();
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                batch.add(new Document("aggregateIdentifier", UUID.randomUUID().toString()).append("type", "Help")
                        .append("sequenceNumber", (long) (i % 3)).append("serializedPayload", "x".repeat(400))
                        .append("timestamp", "2026-11-30T23:%02d:%02d.%03dZ".formatted(i / 60_000 % 60, i / 1000 % 60, i % 1000))
                        .append("payloadType", "io.givefirst.events.help.HelpGivenEvent").append("payloadRevision", "1")
                        .append("serializedMetaData", "{}").append("eventIdentifier", UUID.randomUUID().toString()));
                if (batch.size() == 500) {
                    events.insertMany(batch);
                    batch.clear();
                }
            }
            System.out.printf("round %d, %s: %.0f inserts/s%n", round, name, DOCUMENTS / ((System.nanoTime() - start) / 1e9));
        } finally {
            server.shutdownNow();
        }
    }
}
