package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.PersonalData;
import io.givefirst.events.Require;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A member said what they can give. */
@EventType(value = "givefirst.member.offer-posted",
        meaning = "A member said what they can give.",
        emittedWhen = "POST /members/me/offers")
@Revision("1")
public record OfferPostedEvent(String memberId, String offerId, @PersonalData(of = "memberId") String description,
                               List<String> tags, Instant occurredAt) implements DomainEvent {
    public OfferPostedEvent {
        Require.id(memberId, "memberId");
        Require.id(offerId, "offerId");
        Require.text(description, "description");
        tags = Require.tags(tags, "tags");
        Require.present(occurredAt, "occurredAt");
    }
}
