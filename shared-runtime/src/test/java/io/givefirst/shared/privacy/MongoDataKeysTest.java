package io.givefirst.shared.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.privacy.KeyPurpose;
import io.givefirst.events.privacy.KeyWrapping;
import io.givefirst.events.privacy.LocalKeyEncryptionKey;
import io.givefirst.events.privacy.Sealing;
import io.givefirst.local.infra.MongoWireServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The key collection on a MongoDB-wire server, used by several instances at once as the services run. */
class MongoDataKeysTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static MongoWireServer server;
    private static MongoClient client;

    @TempDir
    static Path dir;

    private MongoDatabase database;
    private KeyWrapping wrapping;

    @BeforeAll
    static void start() {
        server = MongoWireServer.inMemory().start();
        client = MongoClients.create(server.uri(""));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = client.getDatabase("keys-" + System.nanoTime());
        wrapping = new KeyWrapping(LocalKeyEncryptionKey.loadOrCreate(dir.resolve("personal.json")),
                LocalKeyEncryptionKey.loadOrCreate(dir.resolve("private.json")));
    }

    private MongoDataKeys writer() {
        return MongoDataKeys.forWriter(database, wrapping, Clock.systemUTC());
    }

    private static String sealedContext(Sealing sealing, String author) {
        ObjectNode meeting = JSON.valueToTree(new MeetingRecordedEvent("m-" + author, author, "bob", "Demo day",
                "", null, Instant.parse("2026-11-30T10:00:00Z")));
        return sealing.seal(MeetingRecordedEvent.class, meeting).path("context").asString();
    }

    @Test
    void aKeyOneInstanceCreatedOpensOnEveryOtherInstance() {
        String sealed = sealedContext(new Sealing(writer()), "alice");

        assertThat(new Sealing(writer()).open(sealed)).contains("Demo day");
        assertThat(new Sealing(MongoDataKeys.forReader(database, wrapping)).open(sealed)).contains("Demo day");
        assertThat(database.getCollection(MongoDataKeys.COLLECTION).find().first().getString("_id"))
                .isEqualTo("alice");
    }

    @Test
    void instancesCreatingTheSameMembersKeyAtOnceEndWithOneKey() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> instances = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                instances.add(() -> sealedContext(new Sealing(writer()), "carol"));
            }
            List<String> sealed = new ArrayList<>();
            for (Future<String> value : threads.invokeAll(instances)) {
                sealed.add(value.get());
            }
            Sealing fresh = new Sealing(MongoDataKeys.forReader(database, wrapping));
            // had two instances each kept a key of their own, one of them would be lost with what it sealed
            assertThat(sealed).allSatisfy(value -> assertThat(fresh.open(value)).contains("Demo day"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aBatchOfValuesLoadsItsMembersKeysWithOneQuery() {
        Sealing writing = new Sealing(writer());
        List<String> page = List.of(sealedContext(writing, "ann"), sealedContext(writing, "ben"),
                sealedContext(writing, "cat"), "plaintext from before sealing");
        writer().erase("cat");
        Sealing reading = new Sealing(MongoDataKeys.forReader(database, wrapping));
        server.queryLog().clear();

        reading.prefetchSealedIn(page);
        assertThat(page.stream().map(value -> reading.open(value).orElse("gone")))
                .containsExactly("Demo day", "Demo day", "gone", "plaintext from before sealing");
        assertThat(server.queryLog().shapes().values()).as(server.queryLog().describe().toString())
                .filteredOn(shape -> shape.shape().startsWith(MongoDataKeys.COLLECTION))
                .singleElement().satisfies(shape -> assertThat(shape.queries()).isEqualTo(1));
    }

    @Test
    void aReaderNeverCreatesAKey() {
        MongoDataKeys reader = MongoDataKeys.forReader(database, wrapping);
        assertThat(reader.find("dave", KeyPurpose.PERSONAL)).isEmpty();
        assertThatThrownBy(() -> reader.obtain("dave", KeyPurpose.PERSONAL))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(database.getCollection(MongoDataKeys.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void anErasedMembersValuesOpenNowhereAndTheirKeysAreNeverCreatedAgain() {
        MongoDataKeys writer = writer();
        String before = sealedContext(new Sealing(writer), "erin");
        MongoDataKeys otherInstance = writer();
        assertThat(new Sealing(otherInstance).open(before)).contains("Demo day");

        writer.erase("erin");

        assertThat(new Sealing(writer).open(before)).isEmpty();
        assertThat(new Sealing(MongoDataKeys.forReader(database, wrapping)).open(before)).isEmpty();
        otherInstance.forget("erin"); // what the erasure event makes every instance do
        assertThat(new Sealing(otherInstance).open(before)).isEmpty();
        String after = sealedContext(new Sealing(writer()), "erin");
        assertThat(after).doesNotContain("Demo");
        assertThat(new Sealing(writer()).open(after)).isEmpty();
        Document tombstone = database.getCollection(MongoDataKeys.COLLECTION).find().first();
        assertThat(tombstone.get("keys")).isNull();
        assertThat(tombstone.get("erasedAt")).isNotNull();
        assertThat(writer.erased("erin")).isTrue();
    }
}
