package io.givefirst.events.meeting;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.PersonalData;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A participant followed up on the meeting; the note is for its author only. */
@EventType(value = "givefirst.meeting.followed-up",
        meaning = "A participant followed up on a meeting.",
        emittedWhen = "POST /meetings/{meetingId}/follow-ups")
@Revision("1")
public record MeetingFollowedUpEvent(String meetingId, String followedUpBy, String otherMemberId,
                                     @PersonalData(of = "followedUpBy", onlyForThem = true) String privateNote,
                                     Instant occurredAt) implements DomainEvent {
    public MeetingFollowedUpEvent {
        Require.id(meetingId, "meetingId");
        Require.id(followedUpBy, "followedUpBy");
        Require.id(otherMemberId, "otherMemberId");
        privateNote = Require.optional(privateNote, "privateNote");
        Require.present(occurredAt, "occurredAt");
    }
}
