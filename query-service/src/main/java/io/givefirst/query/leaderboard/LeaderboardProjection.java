package io.givefirst.query.leaderboard;

import static com.mongodb.client.model.Updates.min;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.model.Indexes;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.BulkWrites;
import io.givefirst.query.stream.EventHandlers;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.ReadModelCollections;
import io.givefirst.query.stream.StreamProjection;
import java.util.Date;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verified help ({@code verified_help}, one document per help: giver, receiver, when it became verified) — what
 * the leaderboard ranks givers by; a period's board reads the period's help by an index on {@code verifiedAt}.
 * Claimed, unacknowledged help never appears: the platform rewards giving, not glad-handing; contact counts are
 * not part of it at all.
 */
@Component
public class LeaderboardProjection extends StreamProjection {
    public static final String NAME = "leaderboard";
    static final String HELPS = "verified_help";

    @Autowired
    public LeaderboardProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public LeaderboardProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(HELPS), collections, stream, LeaderboardProjection::new);
    }

    /** Shape 3: one document per verified help, read by an index (shape 2 kept one document per day). */
    @Override
    public int shape() {
        return 3;
    }

    @Override
    protected void createIndexes() {
        collections.get(HELPS).createIndex(Indexes.ascending(VerifiedHelp.VERIFIED_AT));
    }

    /** Help counts on the leaderboard once verified: at once, acknowledged, or confirmed. */
    private final EventHandlers<BulkWrites> handlers = new EventHandlers<BulkWrites>()
            .on(HelpGivenEvent.class, (e, event, writes) -> {
                if (e.verified()) {
                    verified(writes, new VerifiedHelp(e.occurredAt(), e.helpId(), e.giverId(), e.receiverId()));
                }
            })
            .on(HelpAcknowledgedEvent.class, (e, event, writes) ->
                    verified(writes, new VerifiedHelp(e.occurredAt(), e.helpId(), e.giverId(), e.receiverId())))
            .on(HelpConfirmedEvent.class, (e, event, writes) ->
                    verified(writes, new VerifiedHelp(e.occurredAt(), e.helpId(), e.giverId(), e.receiverId())));

    @Override
    public void apply(List<EventEnvelope> events) {
        EventHandlers.applyInOneBulkWrite(handlers, events);
    }

    private void verified(BulkWrites writes, VerifiedHelp help) {
        writes.upsert(collections.get(HELPS), help.helpId(), set(VerifiedHelp.GIVER, help.giverId()),
                set(VerifiedHelp.RECEIVER, help.receiverId()), min(VerifiedHelp.VERIFIED_AT, Date.from(help.verifiedAt())));
    }
}
