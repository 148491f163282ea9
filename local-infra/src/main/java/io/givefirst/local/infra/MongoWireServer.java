package io.givefirst.local.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import io.givefirst.local.infra.mongo.IndexedH2Backend;
import io.givefirst.local.infra.mongo.IndexedMemoryBackend;
import io.givefirst.local.infra.mongo.QueryLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server that speaks MongoDB's wire protocol (mongo-java-server): file-backed for the embedded default,
 * so data survives a restart, or in memory for tests. Clients use the ordinary MongoDB driver. Its indexes work
 * as MongoDB's do (ordered, used for ranges and sorts: {@code io.givefirst.local.infra.mongo}), and it keeps a
 * {@link QueryLog} of what each query shape cost.
 */
public final class MongoWireServer implements AutoCloseable {
    private final MongoServer server;
    private final QueryLog queryLog;
    private final int port;

    private MongoWireServer(MongoBackend backend, QueryLog queryLog, int port) {
        this.server = new MongoServer(backend);
        this.queryLog = queryLog;
        this.port = port;
    }

    /** A persistent server whose data lives in one H2 file. */
    public static MongoWireServer onFile(Path file, int port) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IndexedH2Backend backend = new IndexedH2Backend(file.toString());
        return new MongoWireServer(backend, backend.queryLog(), port);
    }

    /** A throw-away server for tests. */
    public static MongoWireServer inMemory() {
        IndexedMemoryBackend backend = new IndexedMemoryBackend();
        return new MongoWireServer(backend, backend.queryLog(), FreePorts.pick());
    }

    public MongoWireServer start() {
        server.bind("localhost", port);
        return this;
    }

    /** A connection string for a database on this server. */
    public String uri(String database) {
        return "mongodb://localhost:" + port + "/" + database;
    }

    /** What each query shape has cost since the log was last cleared. */
    public QueryLog queryLog() {
        return queryLog;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
