package io.givefirst.local.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.givefirst.local.infra.FreePorts;
import io.givefirst.local.infra.MongoWireServer;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Like MongoDB, the embedded server refuses a change that would make a document larger than 16 MiB. */
class DocumentSizeLimitTest {
    private static final String SIX_MIB = "x".repeat(6 * 1024 * 1024);

    @TempDir
    static Path data;

    static Stream<String> backends() {
        return Stream.of("memory", "file");
    }

    private static MongoWireServer server(String backend) {
        return backend.equals("memory") ? MongoWireServer.inMemory().start()
                : MongoWireServer.onFile(data.resolve("size-" + System.nanoTime() + ".mv"), FreePorts.pick()).start();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anUpdateThatWouldPassSixteenMebibytesIsRefusedAndChangesNothing(String backend) {
        try (MongoWireServer server = server(backend); MongoClient client = MongoClients.create(server.uri("db"))) {
            MongoCollection<Document> docs = client.getDatabase("db").getCollection("docs");
            docs.insertOne(new Document("_id", "big").append("a", SIX_MIB).append("n", 1));
            docs.updateOne(Filters.eq("_id", "big"), Updates.set("b", SIX_MIB));

            assertThatThrownBy(() -> docs.updateOne(Filters.eq("_id", "big"),
                    Updates.combine(Updates.set("c", SIX_MIB), Updates.inc("n", 1))))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(17419));
            assertThatThrownBy(() -> docs.updateOne(Filters.eq("_id", "big"), Updates.push("list", SIX_MIB)))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(17419));

            Document big = docs.find(Filters.eq("_id", "big")).first();
            assertThat(big).containsKeys("a", "b").doesNotContainKey("c");
            assertThat(big.getInteger("n")).isEqualTo(1);
            assertThat(docs.countDocuments()).isEqualTo(1);
            docs.updateOne(Filters.eq("_id", "big"), Updates.inc("n", 1));
            assertThat(docs.find(Filters.eq("_id", "big")).first().getInteger("n")).isEqualTo(2);
        }
    }
}
