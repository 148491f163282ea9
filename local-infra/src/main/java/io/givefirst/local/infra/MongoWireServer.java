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
    private final Path file;
    private MongoServer server;
    private QueryLog queryLog;
    private final int port;

    private MongoWireServer(MongoBackend backend, QueryLog queryLog, int port, Path file) {
        this.server = new MongoServer(backend);
        this.queryLog = queryLog;
        this.port = port;
        this.file = file;
    }

    /** A persistent server whose data lives in one H2 file. */
    public static MongoWireServer onFile(Path file, int port) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IndexedH2Backend backend = new IndexedH2Backend(file.toString());
        return new MongoWireServer(backend, backend.queryLog(), port, file);
    }

    /** A throw-away server for tests. */
    public static MongoWireServer inMemory() {
        IndexedMemoryBackend backend = new IndexedMemoryBackend();
        return new MongoWireServer(backend, backend.queryLog(), FreePorts.pick(), null);
    }

    public synchronized MongoWireServer start() {
        server.bind("localhost", port);
        return this;
    }

    /**
     * Stops the server as a crashed or stopped MongoDB would go away: open connections are closed mid-request and
     * the port refuses new ones. A file-backed server's data stays on disk for {@link #restart()}.
     */
    public synchronized void stop() {
        server.shutdownNow();
    }

    /** Starts a stopped file-backed server again on the same port and the same data. */
    public synchronized MongoWireServer restart() {
        if (file == null) {
            throw new IllegalStateException("an in-memory server loses its data when stopped; use onFile to restart");
        }
        IndexedH2Backend backend = new IndexedH2Backend(file.toString());
        server = new MongoServer(backend);
        queryLog = backend.queryLog();
        return start();
    }

    /** A connection string for a database on this server. */
    public String uri(String database) {
        return "mongodb://localhost:" + port + "/" + database;
    }

    /** What each query shape has cost since the log was last cleared. */
    public synchronized QueryLog queryLog() {
        return queryLog;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        server.shutdown();
    }
}
