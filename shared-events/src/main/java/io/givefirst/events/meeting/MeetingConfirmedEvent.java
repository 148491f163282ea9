package io.givefirst.events.meeting;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The other participant confirmed the meeting: it is now a fact. */
@EventType(value = "givefirst.meeting.confirmed",
        meaning = "The member who was met confirmed the meeting: it is a fact.",
        emittedWhen = "POST /meetings/{meetingId}/confirmation")
@Revision("1")
public record MeetingConfirmedEvent(String meetingId, String confirmedBy, String recordedBy, Instant occurredAt)
        implements DomainEvent {
    public MeetingConfirmedEvent {
        Require.id(meetingId, "meetingId");
        Require.id(confirmedBy, "confirmedBy");
        Require.id(recordedBy, "recordedBy");
        Require.present(occurredAt, "occurredAt");
    }
}
