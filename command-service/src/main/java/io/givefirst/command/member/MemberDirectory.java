package io.givefirst.command.member;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.givefirst.events.member.MemberJoinedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The command side's lookup of members, for rules that span aggregates ("the receiver is an active member").
 * It is kept by a subscribing processor, so it is updated in the same unit of work that stored the events;
 * every write is an idempotent upsert, so applying an event twice changes nothing.
 */
@Component
@ProcessingGroup(MemberDirectory.PROCESSING_GROUP)
public class MemberDirectory {
    public static final String PROCESSING_GROUP = "member-directory";
    private final MongoCollection<Document> members;

    public MemberDirectory(MongoDatabase commandDatabase) {
        this.members = commandDatabase.getCollection("member_directory");
    }

    @EventHandler
    public void on(MemberJoinedEvent event) {
        members.updateOne(Filters.eq("_id", event.memberId()),
                Updates.combine(Updates.set("active", true), Updates.set("displayName", event.displayName())),
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
}
