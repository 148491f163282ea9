package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.PersonalData;
import io.givefirst.events.Nullable;
import io.givefirst.events.Require;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A person joined the community as a member; {@code memberId} is their identity provider's subject.
 * Revision 2 added {@code invitedBy}: the member who brought them in, if any (revision-1 events read as null;
 * see {@link MemberJoinedEventUpcaster}).
 */
@EventType(value = "givefirst.member.joined",
        meaning = "A person joined the community; the member id is their identity provider's subject.",
        emittedWhen = "POST /members",
        alsoReads = "1")
@Revision("2")
public record MemberJoinedEvent(String memberId, @PersonalData(of = "memberId") String displayName,
                                @PersonalData(of = "memberId") String headline,
                                @PersonalData(of = "memberId") List<String> interests, @Nullable String invitedBy,
                                Instant occurredAt) implements DomainEvent {
    public MemberJoinedEvent {
        Require.id(memberId, "memberId");
        Require.text(displayName, "displayName");
        headline = Require.optional(headline, "headline");
        interests = Require.tags(interests, "interests");
        invitedBy = Require.optionalId(invitedBy, "invitedBy");
        if (memberId.equals(invitedBy)) {
            throw new IllegalArgumentException("a member cannot invite themselves");
        }
        Require.present(occurredAt, "occurredAt");
    }
}
