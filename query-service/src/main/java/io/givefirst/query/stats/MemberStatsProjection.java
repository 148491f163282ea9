package io.givefirst.query.stats;

import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.set;
import static io.givefirst.query.stats.StatsFields.CARD_REQUESTS_RECEIVED;
import static io.givefirst.query.stats.StatsFields.FOLLOW_UPS;
import static io.givefirst.query.stats.StatsFields.HELP_GIVEN;
import static io.givefirst.query.stats.StatsFields.HELP_GIVEN_DISPUTED;
import static io.givefirst.query.stats.StatsFields.HELP_GIVEN_VERIFIED;
import static io.givefirst.query.stats.StatsFields.HELP_RECEIVED;
import static io.givefirst.query.stats.StatsFields.HELP_RECEIVED_VERIFIED;
import static io.givefirst.query.stats.StatsFields.INTRODUCTIONS_FRUITFUL;
import static io.givefirst.query.stats.StatsFields.INTRODUCTIONS_MADE;
import static io.givefirst.query.stats.StatsFields.MEETINGS;
import static io.givefirst.query.stats.StatsFields.MEMBER_ID;
import static io.givefirst.query.stats.StatsFields.MONTH;
import static io.givefirst.query.stats.StatsFields.PEOPLE_HELPED;

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
    private static final DateTimeFormatter MONTH_OF = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

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
        collections.get(STATS).createIndex(Indexes.ascending(MEMBER_ID));
    }

    /** Which of each member's sets an event adds an id to. */
    private final EventHandlers<BulkWrites> handlers = new EventHandlers<BulkWrites>()
            .on(HelpGivenEvent.class, this::helpGiven)
            .on(HelpAcknowledgedEvent.class, (e, event, writes) ->
                    verified(writes, event, e.helpId(), e.giverId(), e.receiverId()))
            .on(HelpConfirmedEvent.class, (e, event, writes) -> {
                add(writes, event, e.giverId(), HELP_GIVEN, e.helpId());
                verified(writes, event, e.helpId(), e.giverId(), e.receiverId());
            })
            .on(HelpDisputedEvent.class, (e, event, writes) ->
                    add(writes, event, e.giverId(), HELP_GIVEN_DISPUTED, e.helpId()))
            .on(IntroductionMadeEvent.class, (e, event, writes) ->
                    add(writes, event, e.introducerId(), INTRODUCTIONS_MADE, e.introductionId()))
            .on(IntroductionFruitfulEvent.class, (e, event, writes) ->
                    add(writes, event, e.introducerId(), INTRODUCTIONS_FRUITFUL, e.introductionId()))
            .on(MeetingConfirmedEvent.class, (e, event, writes) -> {
                add(writes, event, e.confirmedBy(), MEETINGS, e.meetingId());
                add(writes, event, e.recordedBy(), MEETINGS, e.meetingId());
            })
            .on(MeetingFollowedUpEvent.class, (e, event, writes) ->
                    add(writes, event, e.followedUpBy(), FOLLOW_UPS, event.id()))
            .on(CardRequestedEvent.class, (e, event, writes) ->
                    add(writes, event, e.memberId(), CARD_REQUESTS_RECEIVED, e.requesterId()));

    @Override
    public void apply(List<EventEnvelope> events) {
        EventHandlers.applyInOneBulkWrite(handlers, events);
    }

    private void helpGiven(HelpGivenEvent e, EventEnvelope event, BulkWrites writes) {
        // help its receiver recorded is the giver's only once they confirm it (ADR 18): not their claim
        if (e.recordedBy().equals(e.giverId()) || e.verified()) {
            add(writes, event, e.giverId(), HELP_GIVEN, e.helpId());
        }
        add(writes, event, e.receiverId(), HELP_RECEIVED, e.helpId());
        if (e.verified()) {
            verified(writes, event, e.helpId(), e.giverId(), e.receiverId());
        }
    }

    private void verified(BulkWrites writes, EventEnvelope event, String helpId, String giverId, String receiverId) {
        add(writes, event, giverId, HELP_GIVEN_VERIFIED, helpId);
        add(writes, event, giverId, PEOPLE_HELPED, receiverId);
        add(writes, event, receiverId, HELP_RECEIVED_VERIFIED, helpId);
    }

    /**
     * Adds an id to one of the member's sets, in the document of the month the event was recorded in (the
     * store's clock, the same for every delivery of it): a member's stats are the union of their months.
     */
    private void add(BulkWrites writes, EventEnvelope event, String memberId, String counter, String id) {
        String month = MONTH_OF.format(event.recordedAt());
        writes.upsert(collections.get(STATS), memberId + "/" + month, set(MEMBER_ID, memberId), set(MONTH, month),
                addToSet(counter, id));
    }
}
