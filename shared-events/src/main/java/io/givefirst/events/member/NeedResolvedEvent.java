package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A member's need is met (or no longer relevant); it is no longer open. */
@EventType("givefirst.member.need-resolved")
@Revision("1")
public record NeedResolvedEvent(String memberId, String needId, Instant occurredAt) implements DomainEvent {
    public NeedResolvedEvent {
        Require.id(memberId, "memberId");
        Require.id(needId, "needId");
        Require.present(occurredAt, "occurredAt");
    }
}
