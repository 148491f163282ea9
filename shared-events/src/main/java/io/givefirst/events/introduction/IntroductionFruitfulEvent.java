package io.givefirst.events.introduction;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The two introduced members recorded a meeting that references the introduction: it bore fruit. */
@EventType(value = "givefirst.introduction.fruitful",
        meaning = "The introduced pair recorded a meeting that references the introduction: it bore fruit.",
        emittedWhen = "by the introduction-outcomes process, moments after that meeting is recorded")
@Revision("1")
public record IntroductionFruitfulEvent(String introductionId, String introducerId, String firstMemberId,
                                        String secondMemberId, String meetingId, Instant occurredAt)
        implements DomainEvent {
    public IntroductionFruitfulEvent {
        Require.id(introductionId, "introductionId");
        Require.id(introducerId, "introducerId");
        Require.id(firstMemberId, "firstMemberId");
        Require.id(secondMemberId, "secondMemberId");
        Require.id(meetingId, "meetingId");
        Require.present(occurredAt, "occurredAt");
    }
}
