package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * {@code requesterId} asked {@code memberId} for their contact card — the platform's headline success signal:
 * someone wanted to know this member.
 */
@EventType(value = "givefirst.member.card-requested",
        meaning = "Someone asked a member for their contact card: the platform's headline success "
                + "signal. Once per pair.",
        emittedWhen = "POST /members/{memberId}/card-requests")
@Revision("1")
public record CardRequestedEvent(String memberId, String requesterId, Instant occurredAt) implements DomainEvent {
    public CardRequestedEvent {
        Require.id(memberId, "memberId");
        Require.id(requesterId, "requesterId");
        Require.present(occurredAt, "occurredAt");
    }
}
