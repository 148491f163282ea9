package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.PersonalData;
import io.givefirst.events.Require;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A member changed their public profile; the whole profile is carried, not a diff. */
@EventType(value = "givefirst.member.profile-updated",
        meaning = "A member changed their public profile; the whole profile is carried, not a difference.",
        emittedWhen = "PUT /members/me/profile, when something changed")
@Revision("1")
public record MemberProfileUpdatedEvent(String memberId, @PersonalData(of = "memberId") String displayName,
                                        @PersonalData(of = "memberId") String headline,
                                        @PersonalData(of = "memberId") List<String> interests, Instant occurredAt)
        implements DomainEvent {
    public MemberProfileUpdatedEvent {
        Require.id(memberId, "memberId");
        Require.text(displayName, "displayName");
        headline = Require.optional(headline, "headline");
        interests = Require.tags(interests, "interests");
        Require.present(occurredAt, "occurredAt");
    }
}
