package io.givefirst.query.leaderboard;

import static com.mongodb.client.model.Updates.addToSet;

import com.mongodb.client.MongoCollection;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.stream.BulkWrites;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.StreamProjection;
import io.givefirst.query.stream.ReadModelCollections;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verified help, kept per UTC day of verification ({@code verified_help_days}, one document per day holding a set
 * of {@link VerifiedHelp} entries) — what the leaderboard ranks givers by; a period's board reads its days by
 * {@code _id}. Claimed, unacknowledged help never appears: the platform rewards giving, not glad-handing; contact
 * counts are not part of it at all.
 */
@Component
public class LeaderboardProjection extends StreamProjection {
    static final String NAME = "leaderboard";
    static final String DAYS = "verified_help_days";

    @Autowired
    public LeaderboardProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public LeaderboardProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(DAYS), collections, stream, LeaderboardProjection::new);
    }

    /** Shape 2: verified help kept per day (was one document per help). */
    @Override
    public int shape() {
        return 2;
    }

    @Override
    public void apply(List<EventEnvelope> events) {
        MongoCollection<Document> days = collections.get(DAYS);
        BulkWrites writes = new BulkWrites();
        for (EventEnvelope event : events) {
            VerifiedHelp help = null;
            if (event.payload() instanceof HelpGivenEvent e && e.verified()) {
                help = new VerifiedHelp(e.occurredAt(), e.helpId(), e.giverId(), e.receiverId());
            } else if (event.payload() instanceof HelpAcknowledgedEvent e) {
                help = new VerifiedHelp(e.occurredAt(), e.helpId(), e.giverId(), e.receiverId());
            }
            if (help != null) {
                writes.upsert(days, help.day(), addToSet(VerifiedHelp.HELPS, help.entry()));
            }
        }
        writes.flush();
    }
}
