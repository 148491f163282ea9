package io.givefirst.query.replay;

import com.mongodb.client.MongoDatabase;
import io.givefirst.query.config.QueryRules;
import io.givefirst.query.config.Rejected;
import io.givefirst.query.stream.DeadLetters;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.Projection;
import io.givefirst.query.stream.ReadModelCollections;
import io.givefirst.query.stream.UnknownTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
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
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds projections into new generations while the live ones keep serving, one rebuild of a projection at a
 * time across all query-service instances (the lease of {@link RebuildControl}); swaps each in with a
 * compare-and-set when it has caught up; cancels from any instance; and takes over a rebuild whose instance
 * stopped renewing its lease — a half-built generation is thrown away and built again, so generations are never
 * mixed; a swap whose old generation was not yet dropped is finished.
 */
@Component
public class Rebuilds {
    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final Map<String, Rebuild> latest = new ConcurrentHashMap<>();
    private final Generations generations;
    private final RebuildControl control;
    private final MongoDatabase database;
    private final EventStream stream;
    private final DeadLetters deadLetters;
    private final UnknownTypes unknownTypes;
    /** The service's Kafka consumer settings (servers, security): a rebuild reads as the listeners do. */
    private final Map<String, Object> consumerSettings;
    private final String topic;
    private final Shapes shapes;

    Rebuilds(List<Projection> projections, Generations generations, MongoDatabase readDatabase, EventStream stream,
             DeadLetters deadLetters, UnknownTypes unknownTypes,
             KafkaProperties kafka, @Value("${givefirst.topic}") String topic,
             @Value("${givefirst.rebuild.lease:PT30S}") Duration lease, Clock clock, Shapes shapes) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.generations = generations;
        this.control = new RebuildControl(generations.controlCollection(), generations.instanceId(), lease, clock);
        this.database = readDatabase;
        this.stream = stream;
        this.deadLetters = deadLetters;
        this.unknownTypes = unknownTypes;
        this.consumerSettings = kafka.buildConsumerProperties();
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
    public synchronized List<String> start(List<String> names, Instant until, String snapshot) {
        if (until != null && (snapshot == null || !snapshot.matches("[a-z0-9][a-z0-9-]{0,39}"))) {
            throw new IllegalArgumentException("a rebuild until a point in time needs a snapshot name of 1 to 40 "
                    + "lower-case letters, digits and dashes");
        }
        List<String> chosen = names == null || names.isEmpty() ? new ArrayList<>(projections.keySet()) : names;
        for (String name : chosen) {
            if (!projections.containsKey(name)) {
                throw new IllegalArgumentException("unknown projection " + name + "; known: " + projections.keySet());
            }
            Document current = generations.control(name);
            if (current.containsKey("owner") || current.containsKey("building")) {
                throw new Rejected(QueryRules.REBUILD_IN_PROGRESS,
                        name + " is already being rebuilt (by " + current.get("owner")
                        + "); cancel it first");
            }
        }
        List<String> started = new ArrayList<>();
        for (String name : chosen) {
            String holder = control.newHolder();
            Integer generation = control.claim(name, holder, until, snapshot);
            if (generation == null) {
                log.warn("{}: another instance started a rebuild at the same moment; it runs there", name);
            } else {
                launch(name, holder, generation, until == null ? Rebuild.Mode.BUILD : Rebuild.Mode.SNAPSHOT, until, snapshot, 0);
                started.add(name);
            }
        }
        return started;
    }

    private void launch(String name, String holder, int generation, Rebuild.Mode mode, Instant until, String snapshot,
                        int previous) {
        if (mode != Rebuild.Mode.DRAIN) {
            drop(name, generation);
        }
        Projection target = projections.get(name).writingTo(generations.generation(generation));
        Rebuild rebuild = new Rebuild(name, generation, mode, target, consumer(), topic, stream, deadLetters, until,
                new Steward(name, holder, generation, mode, snapshot, previous), control.lease().dividedBy(3));
        latest.put(name, rebuild);
        Thread thread = new Thread(rebuild, "rebuild-" + name + "-g" + generation);
        thread.setDaemon(true);
        thread.start();
        log.info("{} {} generation {} (lease held by {})", mode == Rebuild.Mode.DRAIN ? "finishing the switch to" : "rebuilding",
                name, generation, holder);
    }

    /** What a rebuild's lease means for this projection's control document and collections. */
    private final class Steward implements Rebuild.Lease {
        private final String name;
        private final String holder;
        private final int generation;
        private final Rebuild.Mode mode;
        private final String snapshot;
        private int previous;

        Steward(String name, String holder, int generation, Rebuild.Mode mode, String snapshot, int previous) {
            this.name = name;
            this.holder = holder;
            this.generation = generation;
            this.mode = mode;
            this.snapshot = snapshot;
            this.previous = previous;
        }

        @Override
        public boolean renew() {
            return control.renew(name, holder);
        }

        @Override
        public boolean finish() {
            Document current = generations.control(name);
            if (mode == Rebuild.Mode.SNAPSHOT) {
                Document kept = current.get("snapshots", Document.class);
                Object replaced = kept == null ? null : kept.get(snapshot);
                if (!control.keepSnapshot(name, holder, generation, snapshot)) {
                    return false;
                }
                generations.keepSnapshot(name, snapshot, generation);
                if (replaced instanceof Number old && old.intValue() != generation) {
                    drop(name, old.intValue());
                }
                log.info("{} as of its cut-off is kept as snapshot {} (generation {})", name, snapshot, generation);
                return true;
            }
            previous = current.getInteger("live", 0);
            if (!control.swap(name, holder, generation, previous, projections.get(name).shape())) {
                return false;
            }
            generations.switchTo(name, generation);
            deadLetters.replacedBy(name, generation);
            // the new generation met every event this version knows, including the types the old one skipped
            unknownTypes.forgetLearned(name);
            log.info("{} generation {} is live (was {}); the old one goes once every instance serves the new one",
                    name, generation, previous);
            return true;
        }

        @Override
        public boolean servedEverywhere() {
            return generations.servedEverywhere(name, generation);
        }

        @Override
        public void completed() {
            if (previous != generations.control(name).getInteger("live", 0)) {
                drop(name, previous);
            }
            control.release(name, holder);
            log.info("{}: every instance serves generation {}; generation {} dropped", name, generation, previous);
        }

        @Override
        public void lost() {
            if (generation != generations.control(name).getInteger("live", 0)) {
                drop(name, generation);
            }
        }

        @Override
        public void failed(String error) {
            if (control.failed(name, holder, generation, error)) {
                drop(name, generation);
            }
        }
    }

    /**
     * Cancels every running rebuild, on whichever instance it runs: the live generations stay as they are, the
     * partial ones are removed (by the instance building them, at its next lease renewal; here at once when it
     * runs here or its instance has stopped).
     */
    public List<String> cancel() {
        List<String> cancelled = new ArrayList<>();
        List<Rebuild> stopping = new ArrayList<>();
        synchronized (this) {
            for (String name : projections.keySet()) {
                Document before = control.cancel(name);
                if (before == null) {
                    continue;
                }
                cancelled.add(name);
                int building = before.getInteger("building");
                Rebuild rebuild = latest.get(name);
                if (rebuild != null && rebuild.running() && rebuild.generation == building) {
                    rebuild.cancel();
                    stopping.add(rebuild);
                }
                if (!control.isMine(before.getString("owner")) && control.lapsed(before)) {
                    drop(name, building);
                }
            }
        }
        // waited for outside the monitor: the scheduler's lease take-overs must not stall behind a cancel
        stopping.forEach(Rebuilds::awaitEnd);
        return cancelled;
    }

    /**
     * At start: a rebuild whose instance stopped is taken over; a read model of an older shape than this version
     * reads ({@link Shapes}) is rebuilt, and so is one that passed over events of a type this version knows
     * ({@link UnknownTypes}: a newer command-service shipped first).
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void atStart() {
        resumeInterrupted();
        rebuildOutdated(shapes.outdated());
        rebuildWhatSkippedKnownTypes();
    }

    /** Rebuilds the projections that passed over events of a type this version knows; which it started. */
    public synchronized List<String> rebuildWhatSkippedKnownTypes() {
        List<String> learned = unknownTypes.learnedBy().stream().filter(projections::containsKey).toList();
        learned.forEach(name -> log.warn("{} passed over events of a type this version knows: it will be rebuilt", name));
        rebuildOutdated(learned);
        return learned;
    }

    /** Rebuilds these projections, each unless it is already being rebuilt (then in the current shape too). */
    synchronized void rebuildOutdated(List<String> names) {
        for (String name : names) {
            String holder = control.newHolder();
            Integer generation = control.claim(name, holder, null, null);
            if (generation != null) {
                launch(name, holder, generation, Rebuild.Mode.BUILD, null, null, 0);
            }
        }
    }

    /**
     * Takes over every rebuild whose lease lapsed (its instance stopped or paused for longer than the lease): a
     * half-built generation is dropped and built again from scratch; a swap whose old generation was still
     * waiting is finished. Every few seconds on every instance, and at start.
     */
    @Scheduled(fixedDelay = 5000, initialDelay = 5000)
    public synchronized void resumeInterrupted() {
        sweepOrphans();
        for (Document seen : control.lapsed()) {
            String name = seen.getString("_id");
            String holder = control.newHolder();
            if (!projections.containsKey(name) || !control.takeOver(seen, holder)) {
                continue;
            }
            if (seen.containsKey("building")) {
                log.warn("the rebuild of {} stopped with its instance ({}); starting it again here", name, seen.get("owner"));
                drop(name, seen.getInteger("building"));
                Date until = seen.getDate("buildingUntil");
                Integer generation = control.restart(name, holder, until == null ? null : until.toInstant(),
                        seen.getString("buildingSnapshot"));
                if (generation != null) {
                    launch(name, holder, generation, until == null ? Rebuild.Mode.BUILD : Rebuild.Mode.SNAPSHOT,
                            until == null ? null : until.toInstant(), seen.getString("buildingSnapshot"), 0);
                }
            } else if (seen.containsKey("previous")) {
                log.warn("{} generation {} went live but {} stopped before generation {} was dropped; finishing here",
                        name, seen.getInteger("live"), seen.get("owner"), seen.getInteger("previous"));
                launch(name, holder, seen.getInteger("live"), Rebuild.Mode.DRAIN, null, null, seen.getInteger("previous"));
            } else {
                control.release(name, holder);
            }
        }
    }

    /**
     * Drops generations nothing refers to any more — a build cancelled while its instance died, a collection a
     * writer paused past a swap created again — for projections no rebuild holds, and only among generations
     * already allocated (a rebuild claimed after this read gets a higher number).
     */
    synchronized void sweepOrphans() {
        Set<String> existing = database.listCollectionNames().into(new java.util.HashSet<>());
        for (String name : projections.keySet()) {
            Document seen = generations.control(name);
            if (seen == null || seen.containsKey("owner") || seen.containsKey("building")) {
                continue;
            }
            Set<Integer> referenced = new java.util.HashSet<>();
            referenced.add(seen.getInteger("live", 0));
            if (seen.get("previous") instanceof Number previous) {
                referenced.add(previous.intValue());
            }
            Document snapshots = seen.get("snapshots", Document.class);
            if (snapshots != null) {
                snapshots.values().forEach(g -> referenced.add(((Number) g).intValue()));
            }
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

    /** Whether this instance is building a generation of the projection right now. */
    boolean rebuilding(String name) {
        Rebuild rebuild = latest.get(name);
        return rebuild != null && rebuild.running() && rebuild.state == Rebuild.State.REBUILDING;
    }

    Rebuild latest(String name) {
        return latest.get(name);
    }

    /** Drops a generation's collections (those that exist: MongoDB before 7.0 answers an error for the others). */
    private void drop(String name, int generation) {
        deadLetters.droppedGeneration(name, generation);
        Set<String> existing = database.listCollectionNames().into(new java.util.HashSet<>());
        for (String collection : projections.get(name).collections()) {
            String physical = ReadModelCollections.physicalName(collection, generation);
            if (existing.contains(physical)) {
                database.getCollection(physical).drop();
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> settings = new HashMap<>(consumerSettings);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG); // partitions are assigned; no group commits anything
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
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

}
