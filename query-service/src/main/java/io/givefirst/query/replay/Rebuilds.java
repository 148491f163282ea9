package io.givefirst.query.replay;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.givefirst.query.stream.EventDecoder;
import io.givefirst.query.stream.Projection;
import io.givefirst.query.stream.ReadModelCollections;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Rebuilds projections into new generations while the live ones keep serving; swaps each atomically when it
 * has caught up; cancels; and, after a restart in the middle of a rebuild, throws the half-built generation
 * away and starts that rebuild again, so generations are never mixed.
 */
@Component
public class Rebuilds {
    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final Map<String, Rebuild> latest = new ConcurrentHashMap<>();
    private final Generations generations;
    private final MongoDatabase database;
    private final EventDecoder decoder;
    private final String bootstrapServers;
    private final String topic;
    private final Shapes shapes;

    Rebuilds(List<Projection> projections, Generations generations, MongoDatabase readDatabase, EventDecoder decoder,
             @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, @Value("${givefirst.topic}") String topic,
             Shapes shapes) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.generations = generations;
        this.database = readDatabase;
        this.decoder = decoder;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.shapes = shapes;
    }

    public Set<String> names() {
        return projections.keySet();
    }

    /** Starts rebuilding the named projections (all when empty). */
    public synchronized List<String> start(List<String> names) {
        return start(names, null, null);
    }

    /**
     * Starts rebuilding the named projections (all when empty). With {@code until}, only events recorded up to
     * then are applied and the result is kept as the named snapshot, queryable with {@code ?snapshot=name},
     * without replacing the live generation.
     */
    public synchronized List<String> start(List<String> names, java.time.Instant until, String snapshot) {
        if (until != null && (snapshot == null || !snapshot.matches("[a-z0-9][a-z0-9-]{0,39}"))) {
            throw new IllegalArgumentException("a rebuild until a point in time needs a snapshot name of 1 to 40 "
                    + "lower-case letters, digits and dashes");
        }
        List<String> chosen = names == null || names.isEmpty() ? new ArrayList<>(projections.keySet()) : names;
        for (String name : chosen) {
            if (!projections.containsKey(name)) {
                throw new IllegalArgumentException("unknown projection " + name + "; known: " + projections.keySet());
            }
            if (rebuilding(name)) {
                throw new RebuildConflict(name + " is already being rebuilt; cancel it first");
            }
        }
        chosen.forEach(name -> launch(name, until, snapshot));
        return chosen;
    }

    private void launch(String name, java.time.Instant until, String snapshot) {
        Document control = generations.control(name);
        int generation = Math.max(control.getInteger("live", 0), control.getInteger("lastGeneration", 0)) + 1;
        drop(name, generation);
        generations.controlCollection().updateOne(Filters.eq("_id", name), Updates.combine(
                Updates.set("building", generation), Updates.set("lastGeneration", generation),
                Updates.set("state", "REBUILDING"), Updates.set("startedAt", new Date()),
                Updates.set("buildingUntil", until == null ? null : Date.from(until)),
                Updates.set("buildingSnapshot", snapshot), Updates.setOnInsert("live", 0)),
                new UpdateOptions().upsert(true));
        Projection target = projections.get(name).writingTo(generations.generation(generation));
        Runnable finish = until == null ? () -> swap(name, generation) : () -> keepSnapshot(name, snapshot, generation);
        Rebuild rebuild = new Rebuild(name, generation, target, consumer(), topic, decoder, until, finish);
        latest.put(name, rebuild);
        Thread thread = new Thread(rebuild, "rebuild-" + name + "-g" + generation);
        thread.setDaemon(true);
        thread.start();
        log.info("rebuilding {} into generation {}", name, generation);
    }

    /** The new generation goes live in one write; the old one is dropped once the rebuild has drained. */
    private void swap(String name, int generation) {
        int previous = generations.live(name);
        generations.controlCollection().updateOne(Filters.eq("_id", name), Updates.combine(
                Updates.set("live", generation), Updates.unset("building"), Updates.set("state", "LIVE"),
                Updates.set("shape", projections.get(name).shape()), Updates.set("swappedAt", new Date())));
        generations.switchTo(name, generation);
        log.info("{} generation {} is live (was {})", name, generation, previous);
        Thread dropOld = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (generations.live(name) != previous) {
                drop(name, previous);
            }
        }, "drop-" + name + "-g" + previous);
        dropOld.setDaemon(true);
        dropOld.start();
    }

    /** A rebuild until a point in time is kept under its name; the live generation is not touched. */
    private void keepSnapshot(String name, String snapshot, int generation) {
        Integer replaced = generations.snapshot(name, snapshot);
        generations.controlCollection().updateOne(Filters.eq("_id", name), Updates.combine(
                Updates.set("snapshots." + snapshot, generation), Updates.unset("building"), Updates.set("state", "LIVE")));
        generations.keepSnapshot(name, snapshot, generation);
        if (replaced != null) {
            drop(name, replaced);
        }
        log.info("{} as of its cut-off is kept as snapshot {} (generation {})", name, snapshot, generation);
    }

    /** Cancels every running rebuild: the live generations stay as they are, the partial ones are removed. */
    public synchronized List<String> cancel() {
        List<String> cancelled = new ArrayList<>();
        latest.values().stream().filter(r -> r.running() && r.state == Rebuild.State.REBUILDING).forEach(r -> {
            r.cancel();
            cancelled.add(r.projection);
        });
        for (String name : cancelled) {
            Rebuild rebuild = latest.get(name);
            awaitEnd(rebuild);
            drop(name, rebuild.generation);
            generations.controlCollection().updateOne(Filters.eq("_id", name),
                    Updates.combine(Updates.unset("building"), Updates.set("state", "CANCELLED")));
        }
        return cancelled;
    }

    /**
     * At start: a rebuild that a restart interrupted is started again from scratch, and a read model of an older
     * shape than this version reads ({@link Shapes}) is rebuilt.
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void atStart() {
        resumeInterrupted();
        rebuildOutdated(shapes.outdated());
    }

    /** Rebuilds these projections, each unless it is already being rebuilt (then in the current shape too). */
    synchronized void rebuildOutdated(List<String> names) {
        for (String name : names) {
            if (!rebuilding(name)) {
                launch(name, null, null);
            }
        }
    }

    /** After a restart: a rebuild that was interrupted is started again from scratch. */
    public synchronized void resumeInterrupted() {
        List<Document> interrupted = new ArrayList<>();
        generations.controlCollection().find(Filters.exists("building", true)).forEach(interrupted::add);
        for (Document control : interrupted) {
            String name = control.getString("_id");
            if (projections.containsKey(name) && !rebuilding(name)) {
                log.warn("the rebuild of {} was interrupted by a restart; starting it again", name);
                drop(name, control.getInteger("building"));
                Date until = control.getDate("buildingUntil");
                launch(name, until == null ? null : until.toInstant(), control.getString("buildingSnapshot"));
            }
        }
    }

    boolean rebuilding(String name) {
        Rebuild rebuild = latest.get(name);
        return rebuild != null && rebuild.running() && rebuild.state == Rebuild.State.REBUILDING;
    }

    Rebuild latest(String name) {
        return latest.get(name);
    }

    private void drop(String name, int generation) {
        for (String collection : projections.get(name).collections()) {
            database.getCollection(ReadModelCollections.physicalName(collection, generation)).drop();
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void awaitEnd(Rebuild rebuild) {
        for (int i = 0; i < 300 && rebuild.running(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A rebuild asked for while one of the same projection runs. */
    public static final class RebuildConflict extends RuntimeException {
        RebuildConflict(String message) {
            super(message);
        }
    }
}
