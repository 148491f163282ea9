package io.givefirst.local.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server that speaks MongoDB's wire protocol (mongo-java-server): file-backed for the embedded default,
 * so data survives a restart, or in memory for tests. Clients use the ordinary MongoDB driver.
 */
public final class MongoWireServer implements AutoCloseable {
    private final MongoServer server;
    private final int port;

    private MongoWireServer(MongoBackend backend, int port) {
        this.server = new MongoServer(backend);
        this.port = port;
    }

    /** A persistent server whose data lives in one H2 file. */
    public static MongoWireServer onFile(Path file, int port) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MongoWireServer(new H2Backend(file.toString()), port);
    }

    /** A throw-away server for tests. */
    public static MongoWireServer inMemory() {
        return new MongoWireServer(new MemoryBackend(), FreePorts.pick());
    }

    public MongoWireServer start() {
        server.bind("localhost", port);
        return this;
    }

    /** A connection string for a database on this server. */
    public String uri(String database) {
        return "mongodb://localhost:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
