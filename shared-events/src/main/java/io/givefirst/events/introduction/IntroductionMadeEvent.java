package io.givefirst.events.introduction;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.PersonalData;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The introducer suggested two members should know each other, and why. Pending until both accept. */
@EventType(value = "givefirst.introduction.made",
        meaning = "A member introduced two others, saying why they should know each other. Pending until both accept.",
        emittedWhen = "POST /introductions")
@Revision("1")
public record IntroductionMadeEvent(String introductionId, String introducerId, String firstMemberId,
                                    String secondMemberId, @PersonalData(of = "introducerId") String reason,
                                    Instant occurredAt) implements DomainEvent {
    public IntroductionMadeEvent {
        Require.id(introductionId, "introductionId");
        Require.id(introducerId, "introducerId");
        Require.id(firstMemberId, "firstMemberId");
        Require.id(secondMemberId, "secondMemberId");
        Require.text(reason, "reason");
        Require.present(occurredAt, "occurredAt");
    }
}
