package io.givefirst.command.member;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.givefirst.command.config.LookupWrites;
import io.givefirst.command.config.Lookups;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberErasedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.NeedResolvedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The command side's lookup of members and their open needs ({@link Members}, for rules that span aggregates),
 * in MongoDB. It is kept by a subscribing
 * processor, so it is updated in the same unit of work that stored the events; every write is an idempotent
 * upsert, so applying an event twice changes nothing, and an older event of a member never overwrites a newer
 * one's (several instances write here, {@link LookupWrites}).
 */
@Component
@ProcessingGroup(Lookups.PROCESSING_GROUP)
public class MemberDirectory implements Members {
    private final MongoCollection<Document> members;
    private final MongoCollection<Document> needs;

    public MemberDirectory(MongoDatabase commandDatabase) {
        this.members = commandDatabase.getCollection("member_directory");
        this.needs = commandDatabase.getCollection("member_needs");
    }

    @EventHandler
    public void on(MemberJoinedEvent event, @SequenceNumber long sequence) {
        LookupWrites.ifNewer(members, event.memberId(), "activeSequence", sequence, Updates.set("active", true));
    }

    @EventHandler
    public void on(MemberLeftEvent event, @SequenceNumber long sequence) {
        LookupWrites.ifNewer(members, event.memberId(), "activeSequence", sequence, Updates.set("active", false));
    }

    @EventHandler
    public void on(MemberErasedEvent event, @SequenceNumber long sequence) {
        LookupWrites.ifNewer(members, event.memberId(), "activeSequence", sequence, Updates.set("active", false));
    }

    @EventHandler
    public void on(NeedPostedEvent event, @SequenceNumber long sequence) {
        LookupWrites.ifNewer(needs, event.needId(), "openSequence", sequence,
                Updates.combine(Updates.set("memberId", event.memberId()), Updates.set("open", true)));
    }

    @EventHandler
    public void on(NeedResolvedEvent event, @SequenceNumber long sequence) {
        LookupWrites.ifNewer(needs, event.needId(), "openSequence", sequence,
                Updates.combine(Updates.set("memberId", event.memberId()), Updates.set("open", false)));
    }

    @Override
    public boolean exists(String memberId) {
        return members.find(Filters.eq("_id", memberId)).limit(1).first() != null;
    }

    @Override
    public boolean isActive(String memberId) {
        Document member = members.find(Filters.eq("_id", memberId)).limit(1).first();
        return member != null && Boolean.TRUE.equals(member.getBoolean("active"));
    }

    @Override
    public boolean hasOpenNeed(String memberId, String needId) {
        return needs.find(Filters.and(Filters.eq("_id", needId), Filters.eq("memberId", memberId),
                Filters.eq("open", true))).limit(1).first() != null;
    }
}
