package io.givefirst.query.replay;

import com.mongodb.client.MongoDatabase;
import io.givefirst.query.stream.DeadLetters;
import io.givefirst.query.stream.Projection;
import io.givefirst.query.stream.ReadModelCollections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Removes the collections of generations no one reads any more: replaced, cancelled, failed, or orphaned. */
@Component
class GenerationDrops {
    private static final Logger log = LoggerFactory.getLogger(GenerationDrops.class);
    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final MongoDatabase database;
    private final RebuildControl control;
    private final DeadLetters deadLetters;

    GenerationDrops(List<Projection> projections, MongoDatabase readDatabase, RebuildControl control,
                    DeadLetters deadLetters) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.database = readDatabase;
        this.control = control;
        this.deadLetters = deadLetters;
    }

    /** Drops a generation's collections (those that exist: MongoDB before 7.0 answers an error for the others). */
    void drop(String name, int generation) {
        deadLetters.droppedGeneration(name, generation);
        Set<String> existing = database.listCollectionNames().into(new HashSet<>());
        for (String collection : projections.get(name).collections()) {
            String physical = ReadModelCollections.physicalName(collection, generation);
            if (existing.contains(physical)) {
                database.getCollection(physical).drop();
            }
        }
    }

    /**
     * Drops generations nothing refers to any more — a build cancelled while its instance died, a collection a
     * writer paused past a swap created again — for projections no rebuild holds, and only among generations
     * already allocated (a rebuild claimed after this read gets a higher number).
     */
    void sweepOrphans() {
        Set<String> existing = database.listCollectionNames().into(new HashSet<>());
        for (String name : projections.keySet()) {
            Document seen = control.of(name);
            if (seen.containsKey("owner") || seen.containsKey("building")) {
                continue;
            }
            Set<Integer> referenced = referenced(seen);
            int allocated = Math.max(seen.getInteger("live", 0), seen.getInteger("lastGeneration", 0));
            for (int generation = 0; generation <= allocated; generation++) {
                int g = generation;
                if (!referenced.contains(g) && projections.get(name).collections().stream()
                        .anyMatch(c -> existing.contains(ReadModelCollections.physicalName(c, g)))) {
                    log.warn("{} generation {} is referenced by nothing (a cancelled or interrupted build); dropped", name, g);
                    drop(name, g);
                }
            }
        }
    }

    /** The generations a control document refers to: live, the previous one still draining, the snapshots. */
    private static Set<Integer> referenced(Document seen) {
        Set<Integer> referenced = new HashSet<>();
        referenced.add(seen.getInteger("live", 0));
        if (seen.get("previous") instanceof Number previous) {
            referenced.add(previous.intValue());
        }
        Document snapshots = seen.get("snapshots", Document.class);
        if (snapshots != null) {
            snapshots.values().forEach(g -> referenced.add(((Number) g).intValue()));
        }
        return referenced;
    }
}
