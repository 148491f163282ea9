package io.givefirst.query.profile;

import static com.mongodb.client.model.Updates.set;
import static io.givefirst.query.profile.ProfileFields.DESCRIPTION;
import static io.givefirst.query.profile.ProfileFields.DISPLAY_NAME;
import static io.givefirst.query.profile.ProfileFields.ERASED_AT;
import static io.givefirst.query.profile.ProfileFields.HEADLINE;
import static io.givefirst.query.profile.ProfileFields.INTERESTS;
import static io.givefirst.query.profile.ProfileFields.JOINED_AT;
import static io.givefirst.query.profile.ProfileFields.LEFT_AT;
import static io.givefirst.query.profile.ProfileFields.MEMBER_ID;
import static io.givefirst.query.profile.ProfileFields.POSTED_AT;
import static io.givefirst.query.profile.ProfileFields.PROFILE_SEQUENCE;
import static io.givefirst.query.profile.ProfileFields.RESOLVED_AT;
import static io.givefirst.query.profile.ProfileFields.TAGS;
import static io.givefirst.query.profile.ProfileFields.WITHDRAWN_AT;

import com.mongodb.client.model.Indexes;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberErasedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.events.member.MemberProfileUpdatedEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.NeedResolvedEvent;
import io.givefirst.events.member.OfferPostedEvent;
import io.givefirst.events.member.OfferWithdrawnEvent;
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
 * Member profiles with their needs and offers ({@code profiles}, {@code profile_needs}, {@code profile_offers}).
 * The profile's texts are written only by a newer event of the member (sequence guard); every other field is
 * owned by one event type, so redelivery and reordering converge.
 *
 * <p>Shape 2: one version of the texts, guarded by {@code profileSequence} (shape 1 kept every version side by
 * side under its sequence number: a member who changed their profile a few thousand times outgrew MongoDB's
 * 16 MB document limit).
 */
@Component
public class ProfileProjection extends StreamProjection {
    public static final String NAME = "member-profiles";
    static final String PROFILES = "profiles";
    static final String NEEDS = "profile_needs";
    static final String OFFERS = "profile_offers";

    @Autowired
    public ProfileProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public ProfileProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(PROFILES, NEEDS, OFFERS), collections, stream, ProfileProjection::new);
    }

    @Override
    public int shape() {
        return 2;
    }

    @Override
    protected void createIndexes() {
        collections.get(NEEDS).createIndex(Indexes.ascending(MEMBER_ID));
        collections.get(NEEDS).createIndex(Indexes.ascending(TAGS));
        collections.get(OFFERS).createIndex(Indexes.ascending(MEMBER_ID));
    }

    /** The profile's versions and the member's needs and offers. */
    private final EventHandlers<BulkWrites> handlers = new EventHandlers<BulkWrites>()
            .on(MemberJoinedEvent.class, (e, event, writes) -> {
                profileVersion(writes, e.memberId(), event.sequence(), e.displayName(), e.headline(), e.interests());
                writes.upsert(collections.get(PROFILES), e.memberId(), set(JOINED_AT, date(e.occurredAt())));
            })
            .on(MemberProfileUpdatedEvent.class, (e, event, writes) ->
                    profileVersion(writes, e.memberId(), event.sequence(), e.displayName(), e.headline(), e.interests()))
            .on(MemberLeftEvent.class, (e, event, writes) ->
                    writes.upsert(collections.get(PROFILES), e.memberId(), set(LEFT_AT, date(e.occurredAt()))))
            // the texts stay as they are, sealed with keys that no longer exist: they read as gone (ADR 16)
            .on(MemberErasedEvent.class, (e, event, writes) ->
                    writes.upsert(collections.get(PROFILES), e.memberId(), set(ERASED_AT, date(e.occurredAt()))))
            .on(NeedPostedEvent.class, (e, event, writes) -> writes.upsert(collections.get(NEEDS), e.needId(),
                    set(MEMBER_ID, e.memberId()), set(DESCRIPTION, e.description()), set(TAGS, e.tags()),
                    set(POSTED_AT, date(e.occurredAt()))))
            .on(NeedResolvedEvent.class, (e, event, writes) -> writes.upsert(collections.get(NEEDS), e.needId(),
                    set(MEMBER_ID, e.memberId()), set(RESOLVED_AT, date(e.occurredAt()))))
            .on(OfferPostedEvent.class, (e, event, writes) -> writes.upsert(collections.get(OFFERS), e.offerId(),
                    set(MEMBER_ID, e.memberId()), set(DESCRIPTION, e.description()), set(TAGS, e.tags()),
                    set(POSTED_AT, date(e.occurredAt()))))
            .on(OfferWithdrawnEvent.class, (e, event, writes) -> writes.upsert(collections.get(OFFERS), e.offerId(),
                    set(MEMBER_ID, e.memberId()), set(WITHDRAWN_AT, date(e.occurredAt()))));

    @Override
    public void apply(List<EventEnvelope> events) {
        EventHandlers.applyInOneBulkWrite(handlers, events);
    }

    /**
     * The profile's texts, written only by an event newer than the one that wrote them last (the
     * {@code profileSequence} guard): redelivered or reordered versions never overwrite a newer one, and the
     * document holds one version however often it changes.
     */
    private void profileVersion(BulkWrites writes, String memberId, long sequence, String displayName,
                                String headline, List<String> interests) {
        writes.upsertIfNewer(collections.get(PROFILES), memberId, PROFILE_SEQUENCE, sequence, set(DISPLAY_NAME, displayName),
                set(HEADLINE, headline), set(INTERESTS, interests));
    }

    private static Date date(java.time.Instant instant) {
        return Date.from(instant);
    }
}
