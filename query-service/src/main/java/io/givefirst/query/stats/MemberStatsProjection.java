package io.givefirst.query.stats;

import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.model.Indexes;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingFollowedUpEvent;
import io.givefirst.events.member.CardRequestedEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.stream.BulkWrites;
import io.givefirst.query.stream.EventHandlers;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.StreamProjection;
import io.givefirst.query.stream.ReadModelCollections;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Each member's stats ({@code member_stats}). Counters are kept as sets of the ids they count
 * ({@code $addToSet}) and counted when read: adding an id twice, or in any order, changes nothing — a plain
 * {@code $inc} would count a redelivered event twice. See docs/adr/0008.
 *
 * <p>Shape 2: one document per member and month (shape 1 kept every set of a member in one document, which grew
 * with every act of that member until it passed MongoDB's 16 MB limit).
 */
@Component
public class MemberStatsProjection extends StreamProjection {
    public static final String NAME = "member-stats";
    static final String STATS = "member_stats";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    @Autowired
    public MemberStatsProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public MemberStatsProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(STATS), collections, stream, MemberStatsProjection::new);
    }

    @Override
    public int shape() {
        return 2;
    }

    @Override
    protected void createIndexes() {
        collections.get(STATS).createIndex(Indexes.ascending("memberId"));
    }

    /** Which of each member's sets an event adds an id to. */
    private final EventHandlers<BulkWrites> handlers = new EventHandlers<BulkWrites>()
            .on(HelpGivenEvent.class, this::helpGiven)
            .on(HelpAcknowledgedEvent.class, (e, event, writes) ->
                    verified(writes, event, e.helpId(), e.giverId(), e.receiverId()))
            .on(HelpConfirmedEvent.class, (e, event, writes) -> {
                add(writes, event, e.giverId(), "helpGiven", e.helpId());
                verified(writes, event, e.helpId(), e.giverId(), e.receiverId());
            })
            .on(HelpDisputedEvent.class, (e, event, writes) ->
                    add(writes, event, e.giverId(), "helpGivenDisputed", e.helpId()))
            .on(IntroductionMadeEvent.class, (e, event, writes) ->
                    add(writes, event, e.introducerId(), "introductionsMade", e.introductionId()))
            .on(IntroductionFruitfulEvent.class, (e, event, writes) ->
                    add(writes, event, e.introducerId(), "introductionsFruitful", e.introductionId()))
            .on(MeetingConfirmedEvent.class, (e, event, writes) -> {
                add(writes, event, e.confirmedBy(), "meetings", e.meetingId());
                add(writes, event, e.recordedBy(), "meetings", e.meetingId());
            })
            .on(MeetingFollowedUpEvent.class, (e, event, writes) ->
                    add(writes, event, e.followedUpBy(), "followUps", event.id()))
            .on(CardRequestedEvent.class, (e, event, writes) ->
                    add(writes, event, e.memberId(), "cardRequestsReceived", e.requesterId()));

    @Override
    public void apply(List<EventEnvelope> events) {
        EventHandlers.applyInOneBulkWrite(handlers, events);
    }

    private void helpGiven(HelpGivenEvent e, EventEnvelope event, BulkWrites writes) {
        // help its receiver recorded is the giver's only once they confirm it (ADR 18): not their claim
        if (e.recordedBy().equals(e.giverId()) || e.verified()) {
            add(writes, event, e.giverId(), "helpGiven", e.helpId());
        }
        add(writes, event, e.receiverId(), "helpReceived", e.helpId());
        if (e.verified()) {
            verified(writes, event, e.helpId(), e.giverId(), e.receiverId());
        }
    }

    private void verified(BulkWrites writes, EventEnvelope event, String helpId, String giverId, String receiverId) {
        add(writes, event, giverId, "helpGivenVerified", helpId);
        add(writes, event, giverId, "peopleHelped", receiverId);
        add(writes, event, receiverId, "helpReceivedVerified", helpId);
    }

    /**
     * Adds an id to one of the member's sets, in the document of the month the event was recorded in (the
     * store's clock, the same for every delivery of it): a member's stats are the union of their months.
     */
    private void add(BulkWrites writes, EventEnvelope event, String memberId, String counter, String id) {
        String month = MONTH.format(event.recordedAt());
        writes.upsert(collections.get(STATS), memberId + "/" + month, set("memberId", memberId), set("month", month),
                addToSet(counter, id));
    }
}
