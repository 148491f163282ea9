package io.givefirst.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real parts for integration tests, started once per test JVM: a KRaft Kafka broker, an
 * in-memory MongoDB-wire server and the development token issuer. Stopped when the JVM exits.
 */
public final class TestStack {
    public final KafkaBroker broker;
    public final MongoWireServer mongo;
    public final DevTokenIssuer issuer;

    private static TestStack shared;
    /** The folders this stack wrote in, removed when it stops. */
    private final List<Path> folders = new CopyOnWriteArrayList<>();

    /** The key-encryption key files (ADR 16): written by the first command-service, read by every service. */
    private final Path keys;

    private TestStack(boolean storeOnDisk) {
        try {
            keys = folder("givefirst-keys");
            broker = new KafkaBroker(folder("givefirst-kafka"), FreePorts.pick()).start();
            mongo = storeOnDisk
                    ? MongoWireServer.onFile(folder("givefirst-mongo").resolve("store.mv"), FreePorts.pick()).start()
                    : MongoWireServer.inMemory().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = DevTokenIssuer.ephemeral().start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-stack-stop"));
    }

    /** The stack shared by tests that do not stop any of its parts. */
    public static synchronized TestStack shared() {
        if (shared == null) {
            shared = new TestStack(false);
        }
        return shared;
    }

    /** A stack of its own, for a test that takes the broker away. */
    public static TestStack dedicated() {
        return new TestStack(false);
    }

    /** A stack of its own whose MongoDB-wire server keeps its data in a file, for a test that stops and restarts it. */
    public static TestStack dedicatedWithStoreOnDisk() {
        return new TestStack(true);
    }

    /** The environment a service needs to run on this stack, as docker-compose would give it. */
    public Map<String, String> serviceEnvironment() {
        return Map.of(
                "GIVEFIRST_MONGODB_URI", mongo.uri(""),
                "GIVEFIRST_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "GIVEFIRST_JWT_JWK_SET_URI", issuer.jwkSetUri(),
                "GIVEFIRST_JWT_ISSUER_URI", issuer.issuer(),
                "GIVEFIRST_JWT_AUDIENCE", DevTokenIssuer.AUDIENCE,
                "GIVEFIRST_PERSONAL_KEK", keys.resolve("personal-kek.json").toString(),
                "GIVEFIRST_PRIVATE_KEK", keys.resolve("private-kek.json").toString(),
                // tests' members act far faster than people; RateLimitSecurityIT runs with the limits it checks
                "GIVEFIRST_RATE_WRITES_PER_MINUTE", "1000000",
                "GIVEFIRST_RATE_EXPENSIVE_READS_PER_MINUTE", "1000000",
                // as the embedded default: a portal served on this machine may call the APIs
                "GIVEFIRST_CORS_ORIGINS", "http://localhost:*");
    }

    public void stop() {
        issuer.close();
        broker.close();
        mongo.close();
        for (Path folder : folders) {
            Folders.deleteQuietly(folder);
        }
    }

    private Path folder(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        folders.add(folder);
        return folder;
    }
}
