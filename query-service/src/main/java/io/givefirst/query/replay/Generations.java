package io.givefirst.query.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.givefirst.query.config.QueryRules;
import io.givefirst.query.stream.ReadModelCollections;
import io.givefirst.shared.web.RuleViolation;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Which generation of each projection's collections this instance serves: the one live in its control document
 * ({@link RebuildControl}), read on start and every second. The instance then reports in {@code query_instances}
 * which generation it serves: a rebuild drops the old generation
 * only once every instance that is alive serves the new one. A live consumer's batch is written to one
 * generation, never split across a swap, and an instance that has not read the control documents for a while
 * (a long pause) reads them before it writes anything.
 */
@Component
public class Generations {
    static final String INSTANCES = "query_instances";
    private final MongoDatabase database;
    private final RebuildControl control;
    private final MongoCollection<Document> instances;
    private final Clock clock;
    private final Duration instanceTimeout;
    private final String instanceId;
    private final Map<String, Integer> live = new ConcurrentHashMap<>();
    private final Map<String, ReadWriteLock> writing = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> snapshots = new ConcurrentHashMap<>();
    private volatile long refreshedAt;

    /**
     * @param instanceTimeout an instance that has not reported for this long is taken for stopped (the rebuild
     *                        lease, {@code givefirst.rebuild.lease})
     */
    Generations(MongoDatabase readDatabase, RebuildControl control, ThisInstance instance, Clock clock,
                @Value("${givefirst.rebuild.lease:PT30S}") Duration instanceTimeout) {
        this.database = readDatabase;
        this.control = control;
        this.instances = readDatabase.getCollection(INSTANCES);
        this.clock = clock;
        this.instanceTimeout = instanceTimeout;
        this.instanceId = instance.name();
        instances.createIndex(Indexes.ascending("heartbeat"));
        refresh();
    }

    /**
     * The live collections of a projection, resolved on every call — or, while an HTTP request asks for a
     * snapshot, that snapshot's collections. {@link ReadModelCollections#batch} holds the generation still.
     */
    public ReadModelCollections liveOf(String projection) {
        return new ReadModelCollections() {
            @Override
            public MongoCollection<Document> get(String collection) {
                return database.getCollection(ReadModelCollections.physicalName(collection, readable(projection)));
            }

            @Override
            public void batch(Runnable writes) {
                if (clock.millis() - refreshedAt > instanceTimeout.toMillis() / 2) {
                    refresh();
                }
                var lock = lockOf(projection).readLock();
                lock.lock();
                try {
                    writes.run();
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    private ReadWriteLock lockOf(String projection) {
        return writing.computeIfAbsent(projection, p -> new ReentrantReadWriteLock());
    }

    /** The generation a query on this thread reads: the live one, or the snapshot its request asked for. */
    public int readable(String projection) {
        String snapshot = requestedSnapshot();
        if (snapshot == null) {
            return live(projection);
        }
        Integer generation = snapshot(projection, snapshot);
        if (generation == null) {
            throw new RuleViolation(QueryRules.UNKNOWN_SNAPSHOT,
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

    /**
     * {@code ?snapshot=name} on a query (a GET outside {@code /admin}) reads the named snapshot — a rebuild up to a
     * point in time, the community as it was that day — instead of the live read model. Read from the request
     * Spring MVC is serving on this thread; a Kafka listener's thread has none, so it always writes live.
     */
    private static String requestedSnapshot() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current)) {
            return null;
        }
        HttpServletRequest request = current.getRequest();
        boolean query = "GET".equals(request.getMethod()) && !request.getRequestURI().startsWith("/admin/");
        return query ? request.getParameter("snapshot") : null;
    }

    /** The collections of one generation of a projection. */
    public ReadModelCollections generation(int generation) {
        return collection -> database.getCollection(ReadModelCollections.physicalName(collection, generation));
    }

    public int live(String projection) {
        return live.getOrDefault(projection, 0);
    }

    /** Switches once no batch is being written to the old generation; later batches write to the new one. */
    void switchTo(String projection, int generation) {
        if (live(projection) == generation) {
            return;
        }
        var lock = lockOf(projection).writeLock();
        lock.lock();
        try {
            live.put(projection, generation);
        } finally {
            lock.unlock();
        }
    }

    /** Whether every instance that reported within the instance timeout serves this generation of a projection. */
    boolean servedEverywhere(String projection, int generation) {
        return instances().stream().allMatch(instance -> {
            Document serving = instance.get("serving", Document.class);
            return serving != null && serving.get(projection) instanceof Number served
                    && served.intValue() == generation;
        });
    }

    /** The instances that reported within the instance timeout, with what they serve. */
    List<Document> instances() {
        return instances.find(Filters.gte("heartbeat", Date.from(clock.instant().minus(instanceTimeout))))
                .into(new java.util.ArrayList<>());
    }

    /** Reads which generations are live and kept as snapshots, switches to them, and reports what it serves. */
    @Scheduled(fixedDelay = 1000)
    synchronized void refresh() {
        // stamped with the moment of the read: a refresh that stalls after it must not report what it read as newer
        java.time.Instant readAt = clock.instant();
        control.all().forEach(d -> {
            switchTo(d.getString("_id"), d.getInteger("live", 0));
            Document kept = d.get("snapshots", Document.class);
            if (kept != null) {
                kept.forEach((name, generation) -> keepSnapshot(d.getString("_id"), name, ((Number) generation).intValue()));
            }
        });
        instances.updateOne(Filters.eq("_id", instanceId), Updates.combine(
                        Updates.set("heartbeat", Date.from(readAt)), Updates.set("serving", new Document(live)),
                        Updates.setOnInsert("startedAt", Date.from(readAt))),
                new UpdateOptions().upsert(true));
        refreshedAt = readAt.toEpochMilli();
        // a killed instance never leaves: forget it once it has been silent for a hundred leases
        instances.deleteMany(Filters.lt("heartbeat", Date.from(clock.instant().minus(instanceTimeout.multipliedBy(100)))));
    }

    /** A stopping instance leaves the registry, so no rebuild waits for it. */
    @PreDestroy
    void leave() {
        instances.deleteOne(Filters.eq("_id", instanceId));
    }
}
