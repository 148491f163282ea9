package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A member no longer offers this. */
@EventType(value = "givefirst.member.offer-withdrawn",
        meaning = "A member no longer offers this.",
        emittedWhen = "DELETE /members/me/offers/{offerId}")
@Revision("1")
public record OfferWithdrawnEvent(String memberId, String offerId, Instant occurredAt) implements DomainEvent {
    public OfferWithdrawnEvent {
        Require.id(memberId, "memberId");
        Require.id(offerId, "offerId");
        Require.present(occurredAt, "occurredAt");
    }
}
