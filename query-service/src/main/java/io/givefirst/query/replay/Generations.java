package io.givefirst.query.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.givefirst.query.stream.ReadModelCollections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which generation of each projection's collections is live, kept in {@code projection_generations} (one
 * document per projection, so a swap is one atomic write). Every instance reads it on start and every few
 * seconds; the instance that swaps sees its own change at once.
 */
@Component
public class Generations {
    static final String CONTROL = "projection_generations";
    private final MongoDatabase database;
    private final MongoCollection<Document> control;
    private final Map<String, Integer> live = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> snapshots = new ConcurrentHashMap<>();
    /** The snapshot an HTTP request asked for ({@code ?snapshot=name}), if any; set by {@link SnapshotFilter}. */
    private static final ThreadLocal<String> requestedSnapshot = new ThreadLocal<>();

    public Generations(MongoDatabase readDatabase) {
        this.database = readDatabase;
        this.control = readDatabase.getCollection(CONTROL);
        refresh();
    }

    /**
     * The live collections of a projection, resolved on every call — or, while an HTTP request asks for a
     * snapshot, that snapshot's collections.
     */
    public ReadModelCollections liveOf(String projection) {
        return collection -> database.getCollection(ReadModelCollections.physicalName(collection, readable(projection)));
    }

    private int readable(String projection) {
        String snapshot = requestedSnapshot.get();
        if (snapshot == null) {
            return live(projection);
        }
        Integer generation = snapshot(projection, snapshot);
        if (generation == null) {
            throw new io.givefirst.query.config.NotFound("unknown-snapshot",
                    "there is no snapshot " + snapshot + " of " + projection);
        }
        return generation;
    }

    /** The generation kept as this snapshot of a projection, or null. */
    public Integer snapshot(String projection, String snapshot) {
        return snapshots.getOrDefault(projection, Map.of()).get(snapshot);
    }

    public Map<String, Integer> snapshots(String projection) {
        return Map.copyOf(snapshots.getOrDefault(projection, Map.of()));
    }

    void keepSnapshot(String projection, String snapshot, int generation) {
        snapshots.computeIfAbsent(projection, p -> new ConcurrentHashMap<>()).put(snapshot, generation);
    }

    static void readSnapshot(String snapshot) {
        if (snapshot == null) {
            requestedSnapshot.remove();
        } else {
            requestedSnapshot.set(snapshot);
        }
    }

    /** The collections of one generation of a projection. */
    public ReadModelCollections generation(int generation) {
        return collection -> database.getCollection(ReadModelCollections.physicalName(collection, generation));
    }

    public int live(String projection) {
        return live.getOrDefault(projection, 0);
    }

    void switchTo(String projection, int generation) {
        live.put(projection, generation);
    }

    Document control(String projection) {
        Document doc = control.find(Filters.eq("_id", projection)).first();
        return doc == null ? new Document("_id", projection).append("live", 0) : doc;
    }

    MongoCollection<Document> controlCollection() {
        return control;
    }

    @Scheduled(fixedDelay = 2000)
    void refresh() {
        control.find().forEach(d -> {
            live.put(d.getString("_id"), d.getInteger("live", 0));
            Document kept = d.get("snapshots", Document.class);
            if (kept != null) {
                kept.forEach((name, generation) -> keepSnapshot(d.getString("_id"), name, ((Number) generation).intValue()));
            }
        });
    }
}
