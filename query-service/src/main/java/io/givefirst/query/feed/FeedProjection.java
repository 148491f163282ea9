package io.givefirst.query.feed;

import static com.mongodb.client.model.Updates.set;
import static io.givefirst.query.feed.FeedFields.ACTOR_ID;
import static io.givefirst.query.feed.FeedFields.DETAIL;
import static io.givefirst.query.feed.FeedFields.OCCURRED_AT;
import static io.givefirst.query.feed.FeedFields.OTHER_ID;
import static io.givefirst.query.feed.FeedFields.THIRD_ID;
import static io.givefirst.query.feed.FeedFields.TYPE;

import com.mongodb.client.model.Indexes;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.OfferPostedEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.stream.BulkWrites;
import io.givefirst.query.stream.EventHandlers;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.StreamProjection;
import io.givefirst.query.stream.ReadModelCollections;
import java.util.Date;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The community's activity ({@code feed}): one item per public act, keyed by the event's id so a redelivery
 * rewrites the same item. Only confirmed facts appear (verified help, confirmed meetings, accepted and
 * fruitful introductions), plus joins, needs and offers; never private notes, claims, disputes or card requests.
 */
@Component
public class FeedProjection extends StreamProjection {
    public static final String NAME = "feed";
    static final String ITEMS = "feed";

    @Autowired
    public FeedProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public FeedProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(ITEMS), collections, stream, FeedProjection::new);
    }

    @Override
    protected void createIndexes() {
        collections.get(ITEMS).createIndex(Indexes.compoundIndex(Indexes.descending(OCCURRED_AT), Indexes.descending("_id")));
    }

    /** What goes into the community's feed, one item per event. */
    private final EventHandlers<BulkWrites> handlers = new EventHandlers<BulkWrites>()
            .on(MemberJoinedEvent.class, (e, event, writes) ->
                    item(writes, event, "JOINED", e.memberId(), null, null, e.headline()))
            .on(HelpGivenEvent.class, (e, event, writes) -> {
                if (e.verified()) {
                    item(writes, event, "HELPED", e.giverId(), e.receiverId(), null, e.kind().name());
                }
            })
            .on(HelpAcknowledgedEvent.class, (e, event, writes) ->
                    item(writes, event, "HELPED", e.giverId(), e.receiverId(), null, null))
            .on(HelpConfirmedEvent.class, (e, event, writes) ->
                    item(writes, event, "HELPED", e.giverId(), e.receiverId(), null, null))
            .on(MeetingConfirmedEvent.class, (e, event, writes) ->
                    item(writes, event, "MET", e.recordedBy(), e.confirmedBy(), null, null))
            .on(IntroductionOpenedEvent.class, (e, event, writes) -> item(writes, event, "INTRODUCED",
                    e.introducerId(), e.firstMemberId(), e.secondMemberId(), null))
            .on(IntroductionFruitfulEvent.class, (e, event, writes) -> item(writes, event, "INTRODUCTION_FRUITFUL",
                    e.introducerId(), e.firstMemberId(), e.secondMemberId(), null))
            .on(NeedPostedEvent.class, (e, event, writes) ->
                    item(writes, event, "NEED_POSTED", e.memberId(), null, null, e.description()))
            .on(OfferPostedEvent.class, (e, event, writes) ->
                    item(writes, event, "OFFER_POSTED", e.memberId(), null, null, e.description()));

    @Override
    public void apply(List<EventEnvelope> events) {
        EventHandlers.applyInOneBulkWrite(handlers, events);
    }

    private void item(BulkWrites writes, EventEnvelope event, String type, String actorId, String otherId,
                      String thirdId, String detail) {
        writes.upsert(collections.get(ITEMS), event.id(), set(TYPE, type), set(ACTOR_ID, actorId), set(OTHER_ID, otherId),
                set(THIRD_ID, thirdId), set(DETAIL, detail), set(OCCURRED_AT, Date.from(event.occurredAt())));
    }
}
