package io.givefirst.events.help;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.PersonalData;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The receiver says the claimed help did not happen as described; it will never count as verified. */
@EventType(value = "givefirst.help.disputed",
        meaning = "The receiver says claimed help did not happen as described; it never becomes verified.",
        emittedWhen = "POST /help/{helpId}/dispute")
@Revision("1")
public record HelpDisputedEvent(String helpId, String giverId, String receiverId,
                                @PersonalData(of = "receiverId") String reason, Instant occurredAt)
        implements DomainEvent {
    public HelpDisputedEvent {
        Require.id(helpId, "helpId");
        Require.id(giverId, "giverId");
        Require.id(receiverId, "receiverId");
        reason = Require.optional(reason, "reason");
        Require.present(occurredAt, "occurredAt");
    }
}
