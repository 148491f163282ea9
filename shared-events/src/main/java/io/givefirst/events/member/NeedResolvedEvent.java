package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A member's need is met (or no longer relevant); it is no longer open. */
@EventType(value = "givefirst.member.need-resolved",
        meaning = "A member's need is met or no longer relevant; it is no longer open.",
        emittedWhen = "POST /members/me/needs/{needId}/resolution")
@Revision("1")
public record NeedResolvedEvent(String memberId, String needId, Instant occurredAt) implements DomainEvent {
    public NeedResolvedEvent {
        Require.id(memberId, "memberId");
        Require.id(needId, "needId");
        Require.present(occurredAt, "occurredAt");
    }
}
