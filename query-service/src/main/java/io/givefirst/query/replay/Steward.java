package io.givefirst.query.replay;

import io.givefirst.query.stream.DeadLetters;
import io.givefirst.query.stream.UnknownTypes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a rebuild's lease means for its projection's control document and collections ({@link RebuildLease}). */
final class Steward implements RebuildLease {
    private static final Logger log = LoggerFactory.getLogger(Steward.class);
    private static final long EVERYWHERE_CHECK_NANOS = 500_000_000L;
    private final RebuildControl control;
    private final Generations generations;
    private final GenerationDrops drops;
    private final DeadLetters deadLetters;
    private final UnknownTypes unknownTypes;
    private final String name;
    private final int shape;
    private final String holder;
    private final int generation;
    private final Rebuild.Mode mode;
    private final String snapshot;
    private final long renewEveryNanos;
    private long renewedAt = System.nanoTime();
    private long askedAt;
    private int previous;

    /** The services a steward works with, the same for every rebuild. */
    record Services(RebuildControl control, Generations generations, GenerationDrops drops, DeadLetters deadLetters,
                    UnknownTypes unknownTypes) {
    }

    /**
     * @param shape    the shape the projection's code builds, recorded when the generation goes live
     * @param previous the generation live before (known when a restart finishes an interrupted swap, else 0)
     */
    Steward(Services services, String name, int shape, String holder, int generation, Rebuild.Mode mode,
            String snapshot, int previous) {
        this.control = services.control();
        this.generations = services.generations();
        this.drops = services.drops();
        this.deadLetters = services.deadLetters();
        this.unknownTypes = services.unknownTypes();
        this.name = name;
        this.shape = shape;
        this.holder = holder;
        this.generation = generation;
        this.mode = mode;
        this.snapshot = snapshot;
        this.previous = previous;
        this.renewEveryNanos = control.lease().dividedBy(3).toNanos();
    }

    @Override
    public boolean renewIfDue() {
        if (System.nanoTime() - renewedAt < renewEveryNanos) {
            return true;
        }
        renewedAt = System.nanoTime();
        return control.renew(name, holder);
    }

    @Override
    public boolean finish() {
        Document current = control.of(name);
        if (mode == Rebuild.Mode.SNAPSHOT) {
            return keepSnapshot(current);
        }
        previous = current.getInteger("live", 0);
        if (!control.swap(name, holder, generation, previous, shape)) {
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

    private boolean keepSnapshot(Document current) {
        Document kept = current.get("snapshots", Document.class);
        Object replaced = kept == null ? null : kept.get(snapshot);
        if (!control.keepSnapshot(name, holder, generation, snapshot)) {
            return false;
        }
        generations.keepSnapshot(name, snapshot, generation);
        if (replaced instanceof Number old && old.intValue() != generation) {
            drops.drop(name, old.intValue());
        }
        log.info("{} as of its cut-off is kept as snapshot {} (generation {})", name, snapshot, generation);
        return true;
    }

    @Override
    public boolean servedEverywhere() {
        if (System.nanoTime() - askedAt < EVERYWHERE_CHECK_NANOS) {
            return false;
        }
        askedAt = System.nanoTime();
        return generations.servedEverywhere(name, generation);
    }

    @Override
    public void completed() {
        if (previous != control.of(name).getInteger("live", 0)) {
            drops.drop(name, previous);
        }
        control.release(name, holder);
        log.info("{}: every instance serves generation {}; generation {} dropped", name, generation, previous);
    }

    @Override
    public void lost() {
        if (generation != control.of(name).getInteger("live", 0)) {
            drops.drop(name, generation);
        }
    }

    @Override
    public void failed(String error) {
        if (control.failed(name, holder, generation, error)) {
            drops.drop(name, generation);
        }
    }
}
