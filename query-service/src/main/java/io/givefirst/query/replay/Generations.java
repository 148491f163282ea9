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

    public Generations(MongoDatabase readDatabase) {
        this.database = readDatabase;
        this.control = readDatabase.getCollection(CONTROL);
        refresh();
    }

    /** The live collections of a projection, resolved on every call. */
    public ReadModelCollections liveOf(String projection) {
        return collection -> database.getCollection(ReadModelCollections.physicalName(collection, live(projection)));
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
        control.find().forEach(d -> live.put(d.getString("_id"), d.getInteger("live", 0)));
    }
}
