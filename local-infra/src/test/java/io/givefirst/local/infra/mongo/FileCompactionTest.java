package io.givefirst.local.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.util.Random;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-model documents rewritten over and over leave most of an H2 file dead; the compaction gives the disk back
 * and keeps every document.
 */
class FileCompactionTest {
    @TempDir
    Path data;

    @Test
    void aFileMostlyDeadAfterRewritesShrinksAndKeepsItsDocuments() {
        MVStore store = new MVStore.Builder().fileName(data.resolve("churn.mv").toString()).open();
        MongoServer server = new MongoServer(new IndexedH2Backend(store));
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + server.bind().getPort())) {
            MongoCollection<Document> members = client.getDatabase("q").getCollection("members");
            Random random = new Random(7);
            for (int i = 0; i < 6000; i++) {
                int member = random.nextInt(100);
                members.updateOne(Filters.eq("_id", "m" + member), Updates.combine(Updates.inc("helped", 1),
                        Updates.set("history", "h".repeat(8000 + random.nextInt(100)))), new UpdateOptions().upsert(true));
                if (i % 500 == 0) {
                    store.commit();
                }
            }
            store.commit();
            long before = store.getFileStore().size();
            assertThat(store.getFileStore().getChunksFillRate()).isLessThan(FileCompaction.TARGET_FILL_PERCENT);

            try (FileCompaction compaction = FileCompaction.of(store)) {
                for (int slice = 0; slice < 50 && compaction.compactIfSparse(); slice++) {
                    // one bounded slice at a time, as the background schedule runs them
                }
            }

            assertThat(store.getFileStore().getChunksFillRate()).isGreaterThanOrEqualTo(FileCompaction.TARGET_FILL_PERCENT);
            assertThat(store.getFileStore().size()).isLessThan(before / 2);
            assertThat(members.countDocuments()).isEqualTo(100);
            assertThat(members.find().into(new java.util.ArrayList<>()).stream().mapToInt(d -> d.getInteger("helped")).sum())
                    .isEqualTo(6000);
        } finally {
            server.shutdownNow();
        }
    }
}
