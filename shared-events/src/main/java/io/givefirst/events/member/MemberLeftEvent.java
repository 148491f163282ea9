package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A member left the community: they can no longer act or be helped, introduced or met; their history stays. */
@EventType(value = "givefirst.member.left",
        meaning = "A member left: they can no longer act, be helped, met or introduced; their history stays.",
        emittedWhen = "POST /members/me/leave")
@Revision("1")
public record MemberLeftEvent(String memberId, Instant occurredAt) implements DomainEvent {
    public MemberLeftEvent {
        Require.id(memberId, "memberId");
        Require.present(occurredAt, "occurredAt");
    }
}
