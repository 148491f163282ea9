package io.givefirst.events.meeting;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.PersonalData;
import io.givefirst.events.Nullable;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * One member says they met another ({@code occurredAt} is when they met; {@code context} where or at which
 * gathering). A claim until the other confirms it. {@code privateNote} is for its author only; {@code
 * introductionId} names the introduction that led to it, if any.
 */
@EventType(value = "givefirst.meeting.recorded",
        meaning = "One member says they met another (occurredAt: when they met). A claim until the other confirms.",
        emittedWhen = "POST /meetings")
@Revision("1")
public record MeetingRecordedEvent(String meetingId, String recordedBy, String otherMemberId,
                                   @PersonalData(of = "recordedBy") String context,
                                   @PersonalData(of = "recordedBy", onlyForThem = true) String privateNote,
                                   @Nullable String introductionId, Instant occurredAt)
        implements DomainEvent {
    public MeetingRecordedEvent {
        Require.id(meetingId, "meetingId");
        Require.id(recordedBy, "recordedBy");
        Require.id(otherMemberId, "otherMemberId");
        context = Require.optional(context, "context");
        privateNote = Require.optional(privateNote, "privateNote");
        introductionId = Require.optionalId(introductionId, "introductionId");
        Require.present(occurredAt, "occurredAt");
    }
}
