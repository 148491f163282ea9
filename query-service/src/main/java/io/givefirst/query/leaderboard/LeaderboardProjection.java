package io.givefirst.query.leaderboard;

import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.stream.BulkWrites;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.StreamProjection;
import io.givefirst.query.stream.ReadModelCollections;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verified help, one document per help ({@code verified_help}), indexed by the time it became verified — what
 * the leaderboard ranks givers by. Claimed, unacknowledged help never appears: the platform rewards giving,
 * not glad-handing; contact counts are not part of it at all.
 */
@Component
public class LeaderboardProjection extends StreamProjection {
    static final String NAME = "leaderboard";
    static final String VERIFIED_HELP = "verified_help";

    @Autowired
    public LeaderboardProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public LeaderboardProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(VERIFIED_HELP), collections, stream, LeaderboardProjection::new);
    }

    @Override
    protected void createIndexes() {
        collections.get(VERIFIED_HELP).createIndex(Indexes.descending("verifiedAt"));
    }

    @Override
    public void apply(List<EventEnvelope> events) {
        MongoCollection<Document> verifiedHelp = collections.get(VERIFIED_HELP);
        BulkWrites writes = new BulkWrites();
        for (EventEnvelope event : events) {
            if (event.payload() instanceof HelpGivenEvent e && e.verified()) {
                writes.upsert(verifiedHelp, e.helpId(), set("giverId", e.giverId()), set("receiverId", e.receiverId()),
                        set("verifiedAt", Date.from(e.occurredAt())));
            } else if (event.payload() instanceof HelpAcknowledgedEvent e) {
                writes.upsert(verifiedHelp, e.helpId(), set("giverId", e.giverId()), set("receiverId", e.receiverId()),
                        set("verifiedAt", Date.from(e.occurredAt())));
            }
        }
        writes.flush();
    }
}
