package io.givefirst.command.relay;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;

/**
 * Which command-service instance relays: a lease in MongoDB that one instance holds and renews while it relays,
 * and that any instance takes over once it has expired. Expiry compares the holder's and the taker's clocks, so
 * two instances whose clocks disagree by more than the lease may both relay for a while; that publishes events
 * twice (consumers are idempotent), never loses one.
 */
class RelayLease {
    private static final int DUPLICATE_KEY = 11000;
    private final MongoCollection<Document> leases;
    private final Clock clock;
    private final Duration length;
    private final String owner = UUID.randomUUID().toString();

    RelayLease(MongoDatabase commandDatabase, Clock clock, Duration length) {
        this.leases = commandDatabase.getCollection("relay_lease");
        this.clock = clock;
        this.length = length;
    }

    /** Takes or renews the lease; whether this instance holds it now. */
    boolean hold() {
        Date now = Date.from(clock.instant());
        try {
            leases.findOneAndUpdate(and(eq("_id", "relay"), or(eq("owner", owner), lt("expiresAt", now))),
                    Updates.combine(Updates.set("owner", owner),
                            Updates.set("expiresAt", Date.from(clock.instant().plus(length)))),
                    new FindOneAndUpdateOptions().upsert(true));
            return true;
        } catch (MongoServerException e) {
            if (e.getCode() == DUPLICATE_KEY) {
                return false; // another instance holds it: the upsert met its document
            }
            throw e;
        }
    }

    /** Lets another instance take over at once (a clean shutdown). */
    void release() {
        leases.updateOne(and(eq("_id", "relay"), eq("owner", owner)), Updates.set("expiresAt", new Date(0)));
    }

    String owner() {
        return owner;
    }
}
