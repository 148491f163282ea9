package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.PersonalData;
import io.givefirst.events.Require;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A member said what they are looking for — help starts with understanding someone's true needs. */
@EventType(value = "givefirst.member.need-posted",
        meaning = "A member said what they are looking for.",
        emittedWhen = "POST /members/me/needs")
@Revision("1")
public record NeedPostedEvent(String memberId, String needId, @PersonalData(of = "memberId") String description,
                              List<String> tags, Instant occurredAt) implements DomainEvent {
    public NeedPostedEvent {
        Require.id(memberId, "memberId");
        Require.id(needId, "needId");
        Require.text(description, "description");
        tags = Require.tags(tags, "tags");
        Require.present(occurredAt, "occurredAt");
    }
}
