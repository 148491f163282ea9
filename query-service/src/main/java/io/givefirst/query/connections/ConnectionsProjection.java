package io.givefirst.query.connections;

import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.min;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.stream.BulkWrites;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.StreamProjection;
import io.givefirst.query.stream.ReadModelCollections;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Who is linked to whom ({@code connections}): one edge per ordered pair, built from confirmed relationships
 * only — confirmed meetings, verified help (either way), introductions both sides accepted. Each edge keeps
 * the ids of its facts as sets and its start as a minimum, so repeats and reordering change nothing. A member's
 * edges are read by an index on {@code (memberId, otherId)} (ADR 11).
 */
@Component
public class ConnectionsProjection extends StreamProjection {
    public static final String NAME = "connections";
    static final String EDGES = "connections";
    private static final String SEPARATOR = "\u001f";

    @Autowired
    public ConnectionsProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public ConnectionsProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(EDGES), collections, stream, ConnectionsProjection::new);
    }

    /** Shape 3: edges read by an index (shape 2 kept a per-member index document). */
    @Override
    public int shape() {
        return 3;
    }

    /** A member's edges, and a hop of an introduction path (members in order, each one's others in order). */
    @Override
    protected void createIndexes() {
        collections.get(EDGES).createIndex(Indexes.ascending("memberId", "otherId"));
    }

    @Override
    public void apply(List<EventEnvelope> events) {
        MongoCollection<Document> edges = collections.get(EDGES);
        BulkWrites writes = new BulkWrites();
        for (EventEnvelope event : events) {
            Object payload = event.payload();
            if (payload instanceof MeetingConfirmedEvent e) {
                link(writes, e.recordedBy(), e.confirmedBy(), "meetings", e.meetingId(), "meetings", e.occurredAt());
            } else if (payload instanceof HelpGivenEvent e && e.verified()) {
                link(writes, e.giverId(), e.receiverId(), "helpGiven", e.helpId(), "helpReceived", e.occurredAt());
            } else if (payload instanceof HelpAcknowledgedEvent e) {
                link(writes, e.giverId(), e.receiverId(), "helpGiven", e.helpId(), "helpReceived", e.occurredAt());
            } else if (payload instanceof HelpConfirmedEvent e) {
                link(writes, e.giverId(), e.receiverId(), "helpGiven", e.helpId(), "helpReceived", e.occurredAt());
            } else if (payload instanceof IntroductionOpenedEvent e) {
                link(writes, e.firstMemberId(), e.secondMemberId(), "introductions", e.introductionId(),
                        "introductions", e.occurredAt());
            }
        }
        writes.flush();
    }

    /** The {@code _id} of the edge from one member to another. */
    static String edgeId(String from, String to) {
        return from + SEPARATOR + to;
    }

    /** Adds a fact to both directions of the pair: as {@code field} on one's edge, {@code mirror} on the other's. */
    private void link(BulkWrites writes, String one, String other, String field, String factId, String mirror,
                      Instant at) {
        writes.upsert(collections.get(EDGES), edgeId(one, other), set("memberId", one), set("otherId", other),
                addToSet(field, factId), min("since", Date.from(at)));
        writes.upsert(collections.get(EDGES), edgeId(other, one), set("memberId", other), set("otherId", one),
                addToSet(mirror, factId), min("since", Date.from(at)));
    }
}
