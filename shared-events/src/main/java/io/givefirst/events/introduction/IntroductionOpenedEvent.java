package io.givefirst.events.introduction;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Both introduced members accepted: the introduction is open. */
@EventType(value = "givefirst.introduction.opened",
        meaning = "Both introduced members accepted: the introduction is open.",
        emittedWhen = "with the second IntroductionAccepted, in the same request")
@Revision("1")
public record IntroductionOpenedEvent(String introductionId, String introducerId, String firstMemberId,
                                      String secondMemberId, Instant occurredAt) implements DomainEvent {
    public IntroductionOpenedEvent {
        Require.id(introductionId, "introductionId");
        Require.id(introducerId, "introducerId");
        Require.id(firstMemberId, "firstMemberId");
        Require.id(secondMemberId, "secondMemberId");
        Require.present(occurredAt, "occurredAt");
    }
}
