package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A person joined the community as a member; {@code memberId} is their identity provider's subject. */
@EventType(value = "givefirst.member.joined",
        meaning = "A person joined the community; the member id is their identity provider's subject.",
        emittedWhen = "POST /members")
@Revision("1")
public record MemberJoinedEvent(String memberId, String displayName, String headline, List<String> interests,
                                Instant occurredAt) implements DomainEvent {
    public MemberJoinedEvent {
        Require.id(memberId, "memberId");
        Require.text(displayName, "displayName", MemberLimits.DISPLAY_NAME);
        headline = Require.optional(headline, "headline", MemberLimits.HEADLINE);
        interests = Require.tags(interests, "interests", MemberLimits.INTERESTS, MemberLimits.INTEREST);
        Require.present(occurredAt, "occurredAt");
    }
}
