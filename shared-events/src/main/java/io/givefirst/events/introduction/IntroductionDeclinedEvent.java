package io.givefirst.events.introduction;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** One of the two introduced members declined; the introduction is closed. */
@EventType(value = "givefirst.introduction.declined",
        meaning = "One of the two introduced members declined; the introduction is closed.",
        emittedWhen = "POST /introductions/{introductionId}/decline")
@Revision("1")
public record IntroductionDeclinedEvent(String introductionId, String declinedBy, String introducerId,
                                        String firstMemberId, String secondMemberId, Instant occurredAt)
        implements DomainEvent {
    public IntroductionDeclinedEvent {
        Require.id(introductionId, "introductionId");
        Require.id(declinedBy, "declinedBy");
        Require.id(introducerId, "introducerId");
        Require.id(firstMemberId, "firstMemberId");
        Require.id(secondMemberId, "secondMemberId");
        Require.present(occurredAt, "occurredAt");
    }
}
