package io.givefirst.query.replay;

import io.givefirst.query.config.QueryRules;
import io.givefirst.query.stream.DeadLetters;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.Projection;
import io.givefirst.query.stream.UnknownTypes;
import io.givefirst.shared.web.RuleViolation;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
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
    private final GenerationDrops drops;
    private final EventStream stream;
    private final UnknownTypes unknownTypes;
    private final Shapes shapes;
    private final RebuildContainers containers;
    private final Steward.Services stewards;
    /** Describes the topic and starts the container outside this class's lock: Kafka may take its time answering. */
    private final TaskExecutor starter = new SimpleAsyncTaskExecutor("rebuild-start-");

    Rebuilds(List<Projection> projections, Generations generations, RebuildControl control, GenerationDrops drops,
             EventStream stream, DeadLetters deadLetters, UnknownTypes unknownTypes, Shapes shapes,
             RebuildContainers containers) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.generations = generations;
        this.control = control;
        this.drops = drops;
        this.stream = stream;
        this.unknownTypes = unknownTypes;
        this.shapes = shapes;
        this.containers = containers;
        this.stewards = new Steward.Services(control, generations, drops, deadLetters, unknownTypes);
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
            Document current = control.of(name);
            if (current.containsKey("owner") || current.containsKey("building")) {
                throw new RuleViolation(QueryRules.REBUILD_IN_PROGRESS,
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
            drops.drop(name, generation);
        }
        Projection projection = projections.get(name);
        Steward steward = new Steward(stewards, name, projection.shape(), holder, generation, mode, snapshot, previous);
        Rebuild rebuild = new Rebuild(name, generation, mode, projection.writingTo(generations.generation(generation)),
                stream, until, steward);
        latest.put(name, rebuild);
        log.info("{} {} generation {} (lease held by {})", mode == Rebuild.Mode.DRAIN ? "finishing the switch to" : "rebuilding",
                name, generation, holder);
        starter.execute(() -> {
            try {
                rebuild.run.start(containers.of(rebuild));
            } catch (RuntimeException e) {
                rebuild.fail(e); // the topic could not be described: recorded as failed, the lease freed
            }
        });
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
                    drops.drop(name, building);
                }
            }
        }
        // waited for outside the monitor: the scheduler's lease take-overs must not stall behind a cancel
        stopping.stream().filter(rebuild -> !rebuild.run.awaitEnd(Duration.ofSeconds(30)))
                .forEach(rebuild -> log.warn("the rebuild of {} is still stopping", rebuild.projection));
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
        drops.sweepOrphans();
        for (Document seen : control.lapsed()) {
            String name = seen.getString("_id");
            String holder = control.newHolder();
            if (!projections.containsKey(name) || !control.takeOver(seen, holder)) {
                continue;
            }
            if (seen.containsKey("building")) {
                log.warn("the rebuild of {} stopped with its instance ({}); starting it again here", name, seen.get("owner"));
                drops.drop(name, seen.getInteger("building"));
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

    /** Whether this instance is building a generation of the projection right now. */
    boolean rebuilding(String name) {
        Rebuild rebuild = latest.get(name);
        return rebuild != null && rebuild.running() && rebuild.state == Rebuild.State.REBUILDING;
    }

    Rebuild latest(String name) {
        return latest.get(name);
    }

    /** This instance stops: its rebuilds stop with it and another instance takes them over when their leases lapse. */
    @PreDestroy
    void stop() {
        latest.values().stream().filter(Rebuild::running).forEach(rebuild -> rebuild.run.halt());
    }
}
