package io.givefirst.events.member;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A member was forgotten (GDPR Art. 17): their data keys were deleted before this was recorded, so everything personal
 * sealed with them — in the store, on the topic, in every copy — can no longer be read (ADR 16). They have left; their
 * acts stay in everyone's history and counts, under "Former member".
 */
@EventType(value = "givefirst.member.erased",
        meaning = "A member was forgotten: their personal data can no longer be read anywhere; they have left, and "
                + "their acts stay in others' history and counts as a former member's.",
        emittedWhen = "POST /members/me/erasure (erasedBy = the member), POST /admin/members/{id}/erasure "
                + "(erasedBy = the admin's subject)")
@Revision("1")
public record MemberErasedEvent(String memberId, String erasedBy, boolean byAdmin, Instant occurredAt)
        implements DomainEvent {
    public MemberErasedEvent {
        Require.id(memberId, "memberId");
        Require.id(erasedBy, "erasedBy");
        Require.present(occurredAt, "occurredAt");
    }
}
