package io.givefirst.query.history;

import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.set;
import static io.givefirst.query.history.HistoryFields.ACCEPTED_BY;
import static io.givefirst.query.history.HistoryFields.ACKNOWLEDGED_AT;
import static io.givefirst.query.history.HistoryFields.ANSWERS_NEED_ID;
import static io.givefirst.query.history.HistoryFields.CONFIRMED_AT;
import static io.givefirst.query.history.HistoryFields.COUNTERPART_ID;
import static io.givefirst.query.history.HistoryFields.DECLINED_AT;
import static io.givefirst.query.history.HistoryFields.DECLINED_BY;
import static io.givefirst.query.history.HistoryFields.DISPUTED_AT;
import static io.givefirst.query.history.HistoryFields.DISPUTE_REASON;
import static io.givefirst.query.history.HistoryFields.FRUITFUL_AT;
import static io.givefirst.query.history.HistoryFields.FRUITFUL_MEETING_ID;
import static io.givefirst.query.history.HistoryFields.HELP_KIND;
import static io.givefirst.query.history.HistoryFields.INTRODUCTION_ID;
import static io.givefirst.query.history.HistoryFields.KIND;
import static io.givefirst.query.history.HistoryFields.MEETING_ID;
import static io.givefirst.query.history.HistoryFields.MEMBER_ID;
import static io.givefirst.query.history.HistoryFields.OCCURRED_AT;
import static io.givefirst.query.history.HistoryFields.OPENED_AT;
import static io.givefirst.query.history.HistoryFields.PRIVATE_NOTE;
import static io.givefirst.query.history.HistoryFields.ROLE;
import static io.givefirst.query.history.HistoryFields.SUMMARY;
import static io.givefirst.query.history.HistoryFields.THANKS;
import static io.givefirst.query.history.HistoryFields.THIRD_PARTY_ID;
import static io.givefirst.query.history.HistoryFields.VERIFIED_AT_ONCE;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.introduction.IntroductionAcceptedEvent;
import io.givefirst.events.introduction.IntroductionDeclinedEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingFollowedUpEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.member.CardRequestedEvent;
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
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Each member's contribution history ({@code contribution_history}): one entry per act and member involved —
 * help given or received, meetings, follow-ups, introductions made or received, card requests. Entries are
 * upserted by natural id and every event sets only the fields it owns, so any delivery order converges.
 * A page is one query on an index that starts with the member (ADR 11): its cost is the page, not the collection.
 */
@Component
public class ContributionHistoryProjection extends StreamProjection {
    public static final String NAME = "contribution-history";
    static final String ENTRIES = "contribution_history";

    @Autowired
    public ContributionHistoryProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public ContributionHistoryProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(ENTRIES), collections, stream, ContributionHistoryProjection::new);
    }

    /** Shape 3: pages read by an index on the entries (shape 2 kept a per-member index document). */
    @Override
    public int shape() {
        return 3;
    }

    /** A page: the member's entries newest first, optionally of one kind or one role (equality, sort, range). */
    @Override
    protected void createIndexes() {
        MongoCollection<Document> entries = collections.get(ENTRIES);
        entries.createIndex(Indexes.compoundIndex(Indexes.ascending(MEMBER_ID), NEWEST_FIRST));
        entries.createIndex(Indexes.compoundIndex(Indexes.ascending(MEMBER_ID, KIND), NEWEST_FIRST));
        entries.createIndex(Indexes.compoundIndex(Indexes.ascending(MEMBER_ID, ROLE), NEWEST_FIRST));
    }

    static final Bson NEWEST_FIRST = Indexes.descending(OCCURRED_AT, "_id");

    /** Which entries each event writes: new entries for a new act, fields on the act's entries after. */
    private final EventHandlers<Entries> handlers = new EventHandlers<Entries>()
            .on(HelpGivenEvent.class, ContributionHistoryProjection::helpGiven)
            .on(HelpAcknowledgedEvent.class, (e, event, writes) -> writes.onAll(helpEntries(e.helpId()),
                    set(ACKNOWLEDGED_AT, date(e.occurredAt())), set(THANKS, e.thanks())))
            // the giver's confirmation of what the receiver recorded: the other side agreed, as an acknowledgement
            .on(HelpConfirmedEvent.class, (e, event, writes) ->
                    writes.onAll(helpEntries(e.helpId()), set(ACKNOWLEDGED_AT, date(e.occurredAt()))))
            .on(HelpDisputedEvent.class, (e, event, writes) -> writes.onAll(helpEntries(e.helpId()),
                    set(DISPUTED_AT, date(e.occurredAt())), set(DISPUTE_REASON, e.reason())))
            .on(MeetingRecordedEvent.class, ContributionHistoryProjection::meetingRecorded)
            .on(MeetingConfirmedEvent.class, (e, event, writes) -> writes.onAll(
                    List.of(e.meetingId() + ":recorder", e.meetingId() + ":met"), set(CONFIRMED_AT, date(e.occurredAt()))))
            .on(MeetingFollowedUpEvent.class, (e, event, writes) -> writes.entry(event.id() + ":follow-up", "FOLLOW_UP",
                    e.followedUpBy(), "PARTICIPANT", e.otherMemberId(), null, e.occurredAt(),
                    set(MEETING_ID, e.meetingId()), set(PRIVATE_NOTE, e.privateNote())))
            .on(IntroductionMadeEvent.class, ContributionHistoryProjection::introductionMade)
            .on(IntroductionAcceptedEvent.class, (e, event, writes) ->
                    writes.onAll(introductionEntries(e.introductionId()), addToSet(ACCEPTED_BY, e.acceptedBy())))
            .on(IntroductionOpenedEvent.class, (e, event, writes) ->
                    writes.onAll(introductionEntries(e.introductionId()), set(OPENED_AT, date(e.occurredAt()))))
            .on(IntroductionDeclinedEvent.class, (e, event, writes) -> writes.onAll(introductionEntries(e.introductionId()),
                    set(DECLINED_AT, date(e.occurredAt())), set(DECLINED_BY, e.declinedBy())))
            .on(IntroductionFruitfulEvent.class, (e, event, writes) -> writes.onAll(introductionEntries(e.introductionId()),
                    set(FRUITFUL_AT, date(e.occurredAt())), set(FRUITFUL_MEETING_ID, e.meetingId())))
            .on(CardRequestedEvent.class, ContributionHistoryProjection::cardRequested);

    @Override
    public void apply(List<EventEnvelope> events) {
        Entries writes = new Entries(new BulkWrites(), collections.get(ENTRIES));
        handlers.apply(events, writes);
        writes.flush();
    }

    private static void helpGiven(HelpGivenEvent e, EventEnvelope event, Entries writes) {
        Bson[] help = {set(HELP_KIND, e.kind().name()), set(SUMMARY, e.summary()),
                set(VERIFIED_AT_ONCE, e.verified()), set(ANSWERS_NEED_ID, e.answersNeedId())};
        writes.entry(e.helpId() + ":given", "HELP", e.giverId(), "GIVER", e.receiverId(), null, e.occurredAt(), help);
        writes.entry(e.helpId() + ":received", "HELP", e.receiverId(), "RECEIVER", e.giverId(), null,
                e.occurredAt(), help);
    }

    private static void meetingRecorded(MeetingRecordedEvent e, EventEnvelope event, Entries writes) {
        Bson[] meeting = {set(SUMMARY, e.context()), set(INTRODUCTION_ID, e.introductionId())};
        writes.entry(e.meetingId() + ":recorder", "MEETING", e.recordedBy(), "PARTICIPANT", e.otherMemberId(),
                null, e.occurredAt(), append(meeting, set(PRIVATE_NOTE, e.privateNote())));
        writes.entry(e.meetingId() + ":met", "MEETING", e.otherMemberId(), "PARTICIPANT", e.recordedBy(), null,
                e.occurredAt(), meeting);
    }

    private static void introductionMade(IntroductionMadeEvent e, EventEnvelope event, Entries writes) {
        Bson introduction = set(SUMMARY, e.reason());
        String id = e.introductionId();
        writes.entry(id + ":introducer", "INTRODUCTION", e.introducerId(), "INTRODUCER", e.firstMemberId(),
                e.secondMemberId(), e.occurredAt(), introduction);
        writes.entry(id + ":first", "INTRODUCTION", e.firstMemberId(), "INTRODUCED", e.secondMemberId(),
                e.introducerId(), e.occurredAt(), introduction);
        writes.entry(id + ":second", "INTRODUCTION", e.secondMemberId(), "INTRODUCED", e.firstMemberId(),
                e.introducerId(), e.occurredAt(), introduction);
    }

    private static void cardRequested(CardRequestedEvent e, EventEnvelope event, Entries writes) {
        String id = "card:" + e.requesterId() + ":" + e.memberId();
        writes.entry(id + ":asked", "CARD_REQUEST", e.requesterId(), "REQUESTER", e.memberId(), null, e.occurredAt());
        writes.entry(id + ":received", "CARD_REQUEST", e.memberId(), "OWNER", e.requesterId(), null, e.occurredAt());
    }

    private static List<String> helpEntries(String helpId) {
        return List.of(helpId + ":given", helpId + ":received");
    }

    private static List<String> introductionEntries(String introductionId) {
        return List.of(introductionId + ":introducer", introductionId + ":first", introductionId + ":second");
    }

    private static Bson[] append(Bson[] updates, Bson more) {
        Bson[] all = java.util.Arrays.copyOf(updates, updates.length + 1);
        all[updates.length] = more;
        return all;
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }

    /** Writes in the shape of history entries. */
    private record Entries(BulkWrites bulk, MongoCollection<Document> collection) {

        void entry(String id, String kind, String memberId, String role, String counterpartId, String thirdPartyId,
                   Instant occurredAt, Bson... specifics) {
            Bson[] common = {set(KIND, kind), set(MEMBER_ID, memberId), set(ROLE, role),
                    set(COUNTERPART_ID, counterpartId), set(THIRD_PARTY_ID, thirdPartyId),
                    set(OCCURRED_AT, date(occurredAt))};
            Bson[] all = java.util.Arrays.copyOf(common, common.length + specifics.length);
            System.arraycopy(specifics, 0, all, common.length, specifics.length);
            bulk.upsert(collection, id, all);
        }

        void onAll(List<String> ids, Bson... updates) {
            ids.forEach(id -> bulk.upsert(collection, id, updates));
        }

        void flush() {
            bulk.flush();
        }
    }
}
