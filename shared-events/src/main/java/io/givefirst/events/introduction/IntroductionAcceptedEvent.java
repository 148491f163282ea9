package io.givefirst.events.introduction;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** One of the two introduced members accepted the introduction. */
@EventType(value = "givefirst.introduction.accepted",
        meaning = "One of the two introduced members accepted.",
        emittedWhen = "POST /introductions/{introductionId}/acceptance")
@Revision("1")
public record IntroductionAcceptedEvent(String introductionId, String acceptedBy, String introducerId,
                                        String firstMemberId, String secondMemberId, Instant occurredAt)
        implements DomainEvent {
    public IntroductionAcceptedEvent {
        Require.id(introductionId, "introductionId");
        Require.id(acceptedBy, "acceptedBy");
        Require.id(introducerId, "introducerId");
        Require.id(firstMemberId, "firstMemberId");
        Require.id(secondMemberId, "secondMemberId");
        Require.present(occurredAt, "occurredAt");
    }
}
