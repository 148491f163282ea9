package io.givefirst.query.stats;

import static com.mongodb.client.model.Updates.addToSet;

import com.mongodb.client.MongoCollection;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingFollowedUpEvent;
import io.givefirst.events.member.CardRequestedEvent;
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
 * Each member's stats ({@code member_stats}). Counters are kept as sets of the ids they count
 * ({@code $addToSet}) and counted when read: adding an id twice, or in any order, changes nothing — a plain
 * {@code $inc} would count a redelivered event twice. See docs/adr/0008.
 */
@Component
public class MemberStatsProjection extends StreamProjection {
    static final String NAME = "member-stats";
    static final String STATS = "member_stats";

    @Autowired
    public MemberStatsProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public MemberStatsProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(STATS), collections, stream, MemberStatsProjection::new);
    }

    @Override
    public void apply(List<EventEnvelope> events) {
        MongoCollection<Document> stats = collections.get(STATS);
        BulkWrites writes = new BulkWrites();
        for (EventEnvelope event : events) {
            Object payload = event.payload();
            if (payload instanceof HelpGivenEvent e) {
                writes.upsert(stats, e.giverId(), addToSet("helpGiven", e.helpId()));
                writes.upsert(stats, e.receiverId(), addToSet("helpReceived", e.helpId()));
                if (e.verified()) {
                    verified(writes, e.helpId(), e.giverId(), e.receiverId());
                }
            } else if (payload instanceof HelpAcknowledgedEvent e) {
                verified(writes, e.helpId(), e.giverId(), e.receiverId());
            } else if (payload instanceof HelpDisputedEvent e) {
                writes.upsert(stats, e.giverId(), addToSet("helpGivenDisputed", e.helpId()));
            } else if (payload instanceof IntroductionMadeEvent e) {
                writes.upsert(stats, e.introducerId(), addToSet("introductionsMade", e.introductionId()));
            } else if (payload instanceof IntroductionFruitfulEvent e) {
                writes.upsert(stats, e.introducerId(), addToSet("introductionsFruitful", e.introductionId()));
            } else if (payload instanceof MeetingConfirmedEvent e) {
                writes.upsert(stats, e.confirmedBy(), addToSet("meetings", e.meetingId()));
                writes.upsert(stats, e.recordedBy(), addToSet("meetings", e.meetingId()));
            } else if (payload instanceof MeetingFollowedUpEvent e) {
                writes.upsert(stats, e.followedUpBy(), addToSet("followUps", event.id()));
            } else if (payload instanceof CardRequestedEvent e) {
                writes.upsert(stats, e.memberId(), addToSet("cardRequestsReceived", e.requesterId()));
            }
        }
        writes.flush();
    }

    private void verified(BulkWrites writes, String helpId, String giverId, String receiverId) {
        writes.upsert(collections.get(STATS), giverId, addToSet("helpGivenVerified", helpId));
        writes.upsert(collections.get(STATS), giverId, addToSet("peopleHelped", receiverId));
        writes.upsert(collections.get(STATS), receiverId, addToSet("helpReceivedVerified", helpId));
    }
}
