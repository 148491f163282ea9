package io.givefirst.query.connections;

import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.min;
import static com.mongodb.client.model.Updates.set;
import static io.givefirst.query.connections.ConnectionFields.HELP_GIVEN;
import static io.givefirst.query.connections.ConnectionFields.HELP_RECEIVED;
import static io.givefirst.query.connections.ConnectionFields.INTRODUCTIONS;
import static io.givefirst.query.connections.ConnectionFields.MEETINGS;
import static io.givefirst.query.connections.ConnectionFields.MEMBER_ID;
import static io.givefirst.query.connections.ConnectionFields.OTHER_ID;
import static io.givefirst.query.connections.ConnectionFields.SINCE;

import com.mongodb.client.model.Indexes;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.stream.BulkWrites;
import io.givefirst.query.stream.EventHandlers;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.StreamProjection;
import io.givefirst.query.stream.ReadModelCollections;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
        collections.get(EDGES).createIndex(Indexes.ascending(MEMBER_ID, OTHER_ID));
    }

    /** Each fact that links two members, on both their edges. */
    private final EventHandlers<BulkWrites> handlers = new EventHandlers<BulkWrites>()
            .on(MeetingConfirmedEvent.class, (e, event, writes) ->
                    link(writes, e.recordedBy(), e.confirmedBy(), MEETINGS, e.meetingId(), MEETINGS, e.occurredAt()))
            .on(HelpGivenEvent.class, (e, event, writes) -> {
                if (e.verified()) {
                    helped(writes, e.giverId(), e.receiverId(), e.helpId(), e.occurredAt());
                }
            })
            .on(HelpAcknowledgedEvent.class, (e, event, writes) ->
                    helped(writes, e.giverId(), e.receiverId(), e.helpId(), e.occurredAt()))
            .on(HelpConfirmedEvent.class, (e, event, writes) ->
                    helped(writes, e.giverId(), e.receiverId(), e.helpId(), e.occurredAt()))
            .on(IntroductionOpenedEvent.class, (e, event, writes) -> link(writes, e.firstMemberId(),
                    e.secondMemberId(), INTRODUCTIONS, e.introductionId(), INTRODUCTIONS, e.occurredAt()));

    @Override
    public void apply(List<EventEnvelope> events) {
        EventHandlers.applyInOneBulkWrite(handlers, events);
    }

    private void helped(BulkWrites writes, String giverId, String receiverId, String helpId, Instant at) {
        link(writes, giverId, receiverId, HELP_GIVEN, helpId, HELP_RECEIVED, at);
    }

    /** The {@code _id} of the edge from one member to another. */
    static String edgeId(String from, String to) {
        return from + SEPARATOR + to;
    }

    /** Adds a fact to both directions of the pair: as {@code field} on one's edge, {@code mirror} on the other's. */
    private void link(BulkWrites writes, String one, String other, String field, String factId, String mirror,
                      Instant at) {
        writes.upsert(collections.get(EDGES), edgeId(one, other), set(MEMBER_ID, one), set(OTHER_ID, other),
                addToSet(field, factId), min(SINCE, Date.from(at)));
        writes.upsert(collections.get(EDGES), edgeId(other, one), set(MEMBER_ID, other), set(OTHER_ID, one),
                addToSet(mirror, factId), min(SINCE, Date.from(at)));
    }
}
