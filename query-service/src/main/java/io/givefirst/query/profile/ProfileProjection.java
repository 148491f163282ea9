package io.givefirst.query.profile;

import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
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
        collections.get(NEEDS).createIndex(Indexes.ascending("memberId"));
        collections.get(NEEDS).createIndex(Indexes.ascending("tags"));
        collections.get(OFFERS).createIndex(Indexes.ascending("memberId"));
    }

    @Override
    public void apply(List<EventEnvelope> events) {
        MongoCollection<Document> profiles = collections.get(PROFILES);
        MongoCollection<Document> needs = collections.get(NEEDS);
        MongoCollection<Document> offers = collections.get(OFFERS);
        BulkWrites writes = new BulkWrites();
        for (EventEnvelope event : events) {
            long sequence = event.sequence();
            if (event.payload() instanceof MemberJoinedEvent e) {
                profileVersion(writes, profiles, e.memberId(), sequence, e.displayName(), e.headline(), e.interests());
                writes.upsert(profiles, e.memberId(), set("joinedAt", date(e.occurredAt())));
            } else if (event.payload() instanceof MemberProfileUpdatedEvent e) {
                profileVersion(writes, profiles, e.memberId(), sequence, e.displayName(), e.headline(), e.interests());
            } else if (event.payload() instanceof MemberLeftEvent e) {
                writes.upsert(profiles, e.memberId(), set("leftAt", date(e.occurredAt())));
            } else if (event.payload() instanceof MemberErasedEvent e) {
                // the texts stay as they are, sealed with keys that no longer exist: they read as gone (ADR 16)
                writes.upsert(profiles, e.memberId(), set("erasedAt", date(e.occurredAt())));
            } else if (event.payload() instanceof NeedPostedEvent e) {
                writes.upsert(needs, e.needId(), set("memberId", e.memberId()), set("description", e.description()),
                        set("tags", e.tags()), set("postedAt", date(e.occurredAt())));
            } else if (event.payload() instanceof NeedResolvedEvent e) {
                writes.upsert(needs, e.needId(), set("memberId", e.memberId()), set("resolvedAt", date(e.occurredAt())));
            } else if (event.payload() instanceof OfferPostedEvent e) {
                writes.upsert(offers, e.offerId(), set("memberId", e.memberId()), set("description", e.description()),
                        set("tags", e.tags()), set("postedAt", date(e.occurredAt())));
            } else if (event.payload() instanceof OfferWithdrawnEvent e) {
                writes.upsert(offers, e.offerId(), set("memberId", e.memberId()), set("withdrawnAt", date(e.occurredAt())));
            }
        }
        writes.flush();
    }

    /**
     * The profile's texts, written only by an event newer than the one that wrote them last (the
     * {@code profileSequence} guard): redelivered or reordered versions never overwrite a newer one, and the
     * document holds one version however often it changes.
     */
    private static void profileVersion(BulkWrites writes, MongoCollection<Document> profiles, String memberId,
                                       long sequence, String displayName, String headline, List<String> interests) {
        writes.upsertIfNewer(profiles, memberId, "profileSequence", sequence, set("displayName", displayName),
                set("headline", headline), set("interests", interests));
    }

    private static Date date(java.time.Instant instant) {
        return Date.from(instant);
    }
}
