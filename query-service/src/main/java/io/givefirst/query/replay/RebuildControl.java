package io.givefirst.query.replay;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The control document of each projection ({@code projection_generations}, one document per projection, so a swap
 * is one atomic write), and the only class that reads or writes it: which generation is live, which are kept as
 * snapshots, the shape the live one was built in, and who rebuilds what across every query-service instance — the
 * rebuild lease. Every step of the lease is one conditional write, so two instances can never both hold it:
 * <ul>
 *   <li>{@code owner} + {@code leaseUntil}: held while a generation is built ({@code building}) and, after the swap,
 *       while the old generation ({@code previous}) waits for every instance to serve the new one;</li>
 *   <li>the owner renews the lease; a lease that was not renewed in time is taken over (the new owner starts the
 *       building again, or finishes the wait), never one that is still renewed;</li>
 *   <li>the swap only happens if the caller still owns the lease and the generation it built is still the one
 *       building; a cancel, from any instance, clears both.</li>
 * </ul>
 * The lease is compared with the taker's clock: instances' clocks must agree to well within the lease (30 s by
 * default, README).
 */
@Component
class RebuildControl {
    static final String COLLECTION = "projection_generations";
    private final MongoCollection<Document> control;
    private final String me;
    private final Duration lease;
    private final Clock clock;
    private final AtomicLong claims = new AtomicLong();

    RebuildControl(MongoDatabase readDatabase, ThisInstance instance,
                   @Value("${givefirst.rebuild.lease:PT30S}") Duration lease, Clock clock) {
        this.control = readDatabase.getCollection(COLLECTION);
        this.me = instance.name();
        this.lease = lease;
        this.clock = clock;
    }

    /** A projection's control document; one with nothing live yet when there is none. */
    Document of(String projection) {
        Document doc = control.find(Filters.eq("_id", projection)).first();
        return doc == null ? new Document("_id", projection).append("live", 0) : doc;
    }

    /** Every projection's control document. */
    List<Document> all() {
        return control.find().into(new ArrayList<>());
    }

    /** Records the shape of a projection's live generation (and that nothing is live, when there was no document). */
    void recordShape(String projection, int shape) {
        control.updateOne(Filters.eq("_id", projection), Updates.combine(Updates.set("shape", shape),
                Updates.setOnInsert("live", 0)), new UpdateOptions().upsert(true));
    }

    /**
     * A new holder's name for one claim or take-over: this instance's name and a number, so that a stale rebuild
     * thread of this same instance can never renew, swap or release a lease taken since.
     */
    String newHolder() {
        return me + "/" + claims.incrementAndGet();
    }

    /** Whether a holder's name (the {@code owner} field) is one of this instance's. */
    boolean isMine(String holder) {
        return holder != null && holder.startsWith(me + "/");
    }

    Duration lease() {
        return lease;
    }

    /**
     * Takes the lease of an idle projection (none holds it) and allocates the generation to build; null when
     * another rebuild of it is running (anywhere).
     */
    Integer claim(String name, String holder, Instant until, String snapshot) {
        try {
            control.updateOne(Filters.and(Filters.eq("_id", name), Filters.exists("owner", false),
                            Filters.exists("building", false)),
                    Updates.combine(held(holder), Updates.setOnInsert("live", 0)), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return null; // the control document exists and has an owner, or a build a restart interrupted
            }
            throw e;
        }
        return allocate(name, holder, until, snapshot);
    }

    /** With the lease held: the next generation number, recorded as building. */
    private Integer allocate(String name, String holder, Instant until, String snapshot) {
        Document current = control.find(Filters.eq("_id", name)).first();
        int generation = Math.max(current.getInteger("live", 0), current.getInteger("lastGeneration", 0)) + 1;
        boolean mine = control.updateOne(mine(name, holder), Updates.combine(Updates.set("building", generation),
                Updates.set("lastGeneration", generation), Updates.set("state", "REBUILDING"),
                Updates.set("startedAt", new Date()), Updates.set("buildingUntil", until == null ? null : Date.from(until)),
                Updates.set("buildingSnapshot", snapshot), Updates.unset("error"))).getModifiedCount() == 1;
        return mine ? generation : null;
    }

    /**
     * The projections whose lease has lapsed: held by an instance that stopped renewing it, or left behind by a
     * version that kept no lease ({@code building} without an owner).
     */
    List<Document> lapsed() {
        return control.find(lapsedFilter()).into(new ArrayList<>());
    }

    /** Takes over a lapsed lease exactly as it was seen (another instance may take it first: then false). */
    boolean takeOver(Document seen, String holder) {
        Bson same = Filters.and(Filters.eq("_id", seen.getString("_id")),
                seen.containsKey("owner") ? Filters.eq("owner", seen.get("owner")) : Filters.exists("owner", false),
                seen.containsKey("leaseUntil") ? Filters.eq("leaseUntil", seen.get("leaseUntil"))
                        : Filters.exists("leaseUntil", false),
                lapsedFilter());
        return control.updateOne(same, held(holder)).getModifiedCount() == 1;
    }

    /** After a take-over of an interrupted build: the next generation to build instead. */
    Integer restart(String name, String holder, Instant until, String snapshot) {
        return allocate(name, holder, until, snapshot);
    }

    /** Renews the lease; false when it is no longer this instance's (cancelled, or taken over after a pause). */
    boolean renew(String name, String holder) {
        return control.updateOne(mine(name, holder), Updates.set("leaseUntil", Date.from(clock.instant().plus(lease))))
                .getModifiedCount() == 1;
    }

    /**
     * The swap: {@code generation} goes live if this instance still owns the lease and still builds it; the
     * previous live generation is kept as {@code previous} until every instance serves the new one.
     */
    boolean swap(String name, String holder, int generation, int previous, int shape) {
        return control.updateOne(Filters.and(mine(name, holder), Filters.eq("building", generation)), Updates.combine(
                Updates.set("live", generation), Updates.set("previous", previous), Updates.unset("building"),
                Updates.set("state", "LIVE"), Updates.set("shape", shape), Updates.set("swappedAt", new Date()),
                Updates.set("leaseUntil", Date.from(clock.instant().plus(lease))))).getModifiedCount() == 1;
    }

    /** A rebuild up to a point in time is kept under its name, if this instance still builds it. */
    boolean keepSnapshot(String name, String holder, int generation, String snapshot) {
        return control.updateOne(Filters.and(mine(name, holder), Filters.eq("building", generation)), Updates.combine(
                Updates.set("snapshots." + snapshot, generation), Updates.unset("building"), Updates.set("state", "LIVE"),
                Updates.unset("owner"), Updates.unset("leaseUntil"))).getModifiedCount() == 1;
    }

    /** The old generation is gone (or there was none to wait for): the lease is free again. */
    void release(String name, String holder) {
        control.updateOne(mine(name, holder), Updates.combine(Updates.unset("owner"), Updates.unset("leaseUntil"),
                Updates.unset("previous")));
    }

    /**
     * A build that failed: recorded, and the lease freed — only if it is still this holder's build; false when it
     * was not (it went live or was kept after all, was cancelled or taken over), and then nothing may be dropped.
     */
    boolean failed(String name, String holder, int generation, String error) {
        return control.updateOne(Filters.and(mine(name, holder), Filters.eq("building", generation)), Updates.combine(
                Updates.unset("building"), Updates.unset("owner"), Updates.unset("leaseUntil"),
                Updates.set("state", "FAILED"), Updates.set("error", error))).getModifiedCount() == 1;
    }

    /**
     * Cancels the build of a projection, whichever instance runs it: answers the control document as it was
     * (null when nothing was building). Its owner notices at its next renewal and removes what it built.
     */
    Document cancel(String name) {
        return control.findOneAndUpdate(Filters.and(Filters.eq("_id", name), Filters.exists("building", true)),
                Updates.combine(Updates.unset("building"), Updates.unset("owner"), Updates.unset("leaseUntil"),
                        Updates.set("state", "CANCELLED"), Updates.set("cancelledAt", new Date())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
    }

    /** Whether a lease seen in a control document has lapsed by now. */
    boolean lapsed(Document seen) {
        Date until = seen.getDate("leaseUntil");
        return until == null || until.toInstant().isBefore(clock.instant());
    }

    private Bson held(String holder) {
        return Updates.combine(Updates.set("owner", holder), Updates.set("leaseUntil", Date.from(clock.instant().plus(lease))));
    }

    private Bson mine(String name, String holder) {
        return Filters.and(Filters.eq("_id", name), Filters.eq("owner", holder));
    }

    private Bson lapsedFilter() {
        return Filters.or(
                Filters.and(Filters.exists("owner", true), Filters.lt("leaseUntil", Date.from(clock.instant()))),
                Filters.and(Filters.exists("owner", false), Filters.exists("building", true)));
    }
}
