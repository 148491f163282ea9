package io.givefirst.command.member;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.givefirst.command.config.Lookups;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.NeedResolvedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The command side's lookup of members and their open needs, for rules that span aggregates ("the receiver is
 * an active member", "the help answers one of the receiver's open needs"). It is kept by a subscribing
 * processor, so it is updated in the same unit of work that stored the events; every write is an idempotent
 * upsert, so applying an event twice changes nothing.
 */
@Component
@ProcessingGroup(Lookups.PROCESSING_GROUP)
public class MemberDirectory {
    private final MongoCollection<Document> members;
    private final MongoCollection<Document> needs;

    public MemberDirectory(MongoDatabase commandDatabase) {
        this.members = commandDatabase.getCollection("member_directory");
        this.needs = commandDatabase.getCollection("member_needs");
    }

    @EventHandler
    public void on(MemberJoinedEvent event) {
        members.updateOne(Filters.eq("_id", event.memberId()), Updates.set("active", true),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    public void on(MemberLeftEvent event) {
        members.updateOne(Filters.eq("_id", event.memberId()), Updates.set("active", false),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    public void on(NeedPostedEvent event) {
        needs.updateOne(Filters.eq("_id", event.needId()),
                Updates.combine(Updates.set("memberId", event.memberId()), Updates.setOnInsert("open", true)),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    public void on(NeedResolvedEvent event) {
        needs.updateOne(Filters.eq("_id", event.needId()),
                Updates.combine(Updates.set("memberId", event.memberId()), Updates.set("open", false)),
                new UpdateOptions().upsert(true));
    }

    /** Whether this id ever joined. */
    public boolean exists(String memberId) {
        return members.find(Filters.eq("_id", memberId)).limit(1).first() != null;
    }

    /** Whether this id joined and has not left. */
    public boolean isActive(String memberId) {
        Document member = members.find(Filters.eq("_id", memberId)).limit(1).first();
        return member != null && Boolean.TRUE.equals(member.getBoolean("active"));
    }

    /** Whether {@code needId} is an open need of {@code memberId}. */
    public boolean hasOpenNeed(String memberId, String needId) {
        return needs.find(Filters.and(Filters.eq("_id", needId), Filters.eq("memberId", memberId),
                Filters.eq("open", true))).limit(1).first() != null;
    }

    /**
     * Checks that a member can take part in an act: joined, and not left.
     *
     * @param role how the member appears in the error, e.g. "receiver"
     */
    public void requireActive(String memberId, String role) {
        if (!exists(memberId)) {
            throw MemberRules.unknownMember(memberId, role);
        }
        if (!isActive(memberId)) {
            throw MemberRules.inactiveMember(memberId, role);
        }
    }
}
